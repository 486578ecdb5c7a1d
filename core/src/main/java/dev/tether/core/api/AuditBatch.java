package dev.tether.core.api;

import dev.tether.core.audit.AuditEvent;
import java.util.List;

/** Up to {@link AgentApi#MAX_AUDIT_BATCH} events from one device. */
public record AuditBatch(List<AuditEvent> events) {
  public AuditBatch {
    events = events == null ? List.of() : List.copyOf(events);
    if (events.size() > AgentApi.MAX_AUDIT_BATCH) {
      throw new IllegalArgumentException(
          "auditBatch.events: at most " + AgentApi.MAX_AUDIT_BATCH + ", got " + events.size());
    }
  }
}
