package dev.tether.server.audit;

import dev.tether.core.audit.AuditEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which events of a batch to store: the first occurrence of each event id not already stored.
 * Everything else (already stored, or repeated inside the batch) counts as a duplicate.
 */
record AuditBatchPlan(List<AuditEvent> toStore, int duplicates) {
  AuditBatchPlan {
    toStore = List.copyOf(toStore);
  }

  static AuditBatchPlan of(Collection<AuditEvent> events, Set<String> alreadyStored) {
    Map<String, AuditEvent> fresh = new LinkedHashMap<>();
    for (AuditEvent event : events) {
      if (!alreadyStored.contains(event.eventId())) {
        fresh.putIfAbsent(event.eventId(), event);
      }
    }
    return new AuditBatchPlan(new ArrayList<>(fresh.values()), events.size() - fresh.size());
  }
}
