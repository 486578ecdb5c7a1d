package dev.tether.server.audit;

import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.log.AuditLeaf;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores one batch in its own transaction: locks the device's {@link AuditStream} row (uploads of
 * one device run one at a time), skips event ids already stored, locks the {@link AuditLogHead} to
 * take the next log positions, and inserts the rest with their leaf index and RFC 6962 leaf hash.
 * Nothing here updates or deletes a stored event. Should two uploads still collide (first upload of
 * a device, or an event id reused across devices), the primary key on the event id makes this
 * transaction fail; {@link AuditService} then retries and the retry sees the stored rows.
 */
@Stateless
public class AuditWriter {
  @Inject AuditRepository repository;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public AuditBatchResult store(AuditSource source, List<AuditEvent> events) {
    AuditStream stream = repository.lockStream(source.deviceId(), source.tenant());
    AuditBatchPlan plan =
        AuditBatchPlan.of(
            events,
            repository.existingEventIds(
                events.stream().map(AuditEvent::eventId).distinct().toList()));
    Instant now = Instant.now();
    if (!plan.toStore().isEmpty()) {
      long index = repository.lockLogHead().reserve(plan.toStore().size());
      List<AuditRecord> records = new ArrayList<>();
      for (AuditEvent event : plan.toStore()) {
        records.add(
            new AuditRecord(
                source.tenant(), source.group(), event, now, index++, AuditLeaf.hash(event)));
      }
      repository.insert(records);
    }
    stream.recordStored(plan.toStore().size(), now.toEpochMilli());
    return new AuditBatchResult(plan.toStore().size(), plan.duplicates());
  }
}
