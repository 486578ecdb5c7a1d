package dev.tether.core.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.ChainLink;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Up to {@link AgentApi#MAX_AUDIT_BATCH} events from one device, with the spool hash-chain link of
 * each event ({@code chain}, optional: agents before it send none, and an event without a link is
 * accepted unchecked).
 */
public record AuditBatch(
    List<AuditEvent> events, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ChainLink> chain) {
  @JsonCreator
  public AuditBatch(
      @JsonProperty("events") List<AuditEvent> events,
      @JsonProperty("chain") List<ChainLink> chain) {
    this.events = events == null ? List.of() : List.copyOf(events);
    if (this.events.size() > AgentApi.MAX_AUDIT_BATCH) {
      throw new IllegalArgumentException(
          "auditBatch.events: at most " + AgentApi.MAX_AUDIT_BATCH + ", got " + this.events.size());
    }
    this.chain = chain == null ? List.of() : List.copyOf(chain);
    Set<String> ids = new HashSet<>();
    this.events.forEach(e -> ids.add(e.eventId()));
    Set<String> linked = new HashSet<>();
    for (ChainLink link : this.chain) {
      if (!ids.contains(link.eventId()) || !linked.add(link.eventId())) {
        throw new IllegalArgumentException(
            "auditBatch.chain: expected at most one link per event of the batch, got "
                + link.eventId());
      }
    }
  }

  /** A batch without chain links. */
  public AuditBatch(List<AuditEvent> events) {
    this(events, null);
  }
}
