package dev.tether.server.audit;

import dev.tether.core.audit.AuditEvent;
import java.util.List;

/**
 * One page of audit events and the number of records matching the query's filter.
 *
 * @param nextCursor pass as {@code cursor} for the following page; null on the last page
 */
public record AuditPage(long total, List<AuditEvent> events, String nextCursor) {
  public AuditPage {
    events = List.copyOf(events);
  }
}
