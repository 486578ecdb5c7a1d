package dev.tether.server.audit;

import dev.tether.core.audit.AuditEvent;
import java.util.List;

/** One page of audit events and the number of records matching the query. */
public record AuditPage(long total, List<AuditEvent> events) {
  public AuditPage {
    events = List.copyOf(events);
  }
}
