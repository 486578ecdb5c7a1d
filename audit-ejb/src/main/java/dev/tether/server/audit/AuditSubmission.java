package dev.tether.server.audit;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.ChainLink;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Events one authenticated device submitted, with their spool chain links (by event id; events
 * without one are not chain-checked). Every event names {@code source}'s device (the caller checked
 * it).
 */
public record AuditSubmission(
    AuditSource source, List<AuditEvent> events, Map<String, ChainLink> links) {
  public AuditSubmission {
    Objects.requireNonNull(source, "source");
    events = List.copyOf(events);
    links = Map.copyOf(links);
  }

  /** From events and a list of links (at most one per event). */
  public static AuditSubmission of(
      AuditSource source, List<AuditEvent> events, List<ChainLink> chain) {
    return new AuditSubmission(
        source,
        events,
        chain.stream()
            .collect(Collectors.toMap(ChainLink::eventId, Function.identity(), (a, b) -> a)));
  }
}
