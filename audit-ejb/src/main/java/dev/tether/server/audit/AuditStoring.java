package dev.tether.server.audit;

import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.log.AuditLeaf;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How submissions are stored, in the caller's transaction: lock each device's {@link AuditStream}
 * row (in device-id order, so a multi-device Kafka poll and direct uploads never deadlock; uploads
 * of one device run one at a time), skip event ids already stored (or repeated), check each
 * device's spool hash chain ({@link AuditChainCheck}), then lock the {@link AuditLogHead} last to
 * take the next log positions, and insert with leaf index and RFC 6962 leaf hash. Nothing here
 * updates or deletes a stored event.
 */
final class AuditStoring {
  /** Most event ids in one dedupe query. */
  static final int ID_CHUNK = 1000;

  private AuditStoring() {}

  static AuditBatchResult store(
      AuditRepository repository, List<AuditSubmission> submissions, Instant now) {
    Map<String, List<AuditSubmission>> byDevice = new TreeMap<>();
    for (AuditSubmission s : submissions) {
      byDevice.computeIfAbsent(s.source().deviceId(), k -> new ArrayList<>()).add(s);
    }
    Set<String> seen = existing(repository, submissions);
    int duplicates = 0;
    List<AuditSubmission> fresh = new ArrayList<>();
    Map<String, AuditStream> streams = new LinkedHashMap<>();
    for (Map.Entry<String, List<AuditSubmission>> device : byDevice.entrySet()) {
      AuditSource first = device.getValue().get(0).source();
      AuditStream stream = repository.lockStream(device.getKey(), first.tenant());
      streams.put(device.getKey(), stream);
      for (AuditSubmission s : device.getValue()) {
        AuditBatchPlan plan = AuditBatchPlan.of(s.events(), seen);
        plan.toStore().forEach(e -> seen.add(e.eventId()));
        duplicates += plan.duplicates();
        AuditSubmission toStore = new AuditSubmission(s.source(), plan.toStore(), s.links());
        AuditChainCheck.check(repository, stream, toStore, now);
        fresh.add(toStore);
      }
    }
    int accepted = fresh.stream().mapToInt(s -> s.events().size()).sum();
    if (accepted > 0) {
      long index = repository.lockLogHead().reserve(accepted);
      List<AuditRecord> records = new ArrayList<>(accepted);
      for (AuditSubmission s : fresh) {
        for (AuditEvent event : s.events()) {
          records.add(
              new AuditRecord(
                  s.source().tenant(),
                  s.source().group(),
                  event,
                  now,
                  index++,
                  AuditLeaf.hash(event)));
        }
      }
      repository.insert(records);
    }
    for (AuditSubmission s : fresh) {
      streams.get(s.source().deviceId()).recordStored(s.events().size(), now.toEpochMilli());
    }
    return new AuditBatchResult(accepted, duplicates);
  }

  private static Set<String> existing(
      AuditRepository repository, List<AuditSubmission> submissions) {
    List<String> ids =
        submissions.stream()
            .flatMap(s -> s.events().stream())
            .map(AuditEvent::eventId)
            .distinct()
            .toList();
    Set<String> found = new HashSet<>();
    for (int i = 0; i < ids.size(); i += ID_CHUNK) {
      found.addAll(repository.existingEventIds(ids.subList(i, Math.min(ids.size(), i + ID_CHUNK))));
    }
    return found;
  }
}
