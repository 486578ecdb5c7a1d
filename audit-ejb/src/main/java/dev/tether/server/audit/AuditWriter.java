package dev.tether.server.audit;

import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.audit.AuditEvent;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Stores one batch in its own transaction: skips event ids already stored, inserts the rest. A
 * concurrent insert of the same id makes this transaction fail on the unique constraint; {@link
 * AuditService} then retries, and the retry sees the id as stored.
 */
@Stateless
public class AuditWriter {
  @Inject AuditRepository repository;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public AuditBatchResult store(AuditSource source, List<AuditEvent> events) {
    AuditBatchPlan plan =
        AuditBatchPlan.of(
            events, repository.existingEventIds(events.stream().map(AuditEvent::eventId).distinct().toList()));
    Instant now = Instant.now();
    repository.insert(
        plan.toStore().stream().map(e -> new AuditRecord(source.tenant(), source.group(), e, now)).toList());
    return new AuditBatchResult(plan.toStore().size(), plan.duplicates());
  }
}
