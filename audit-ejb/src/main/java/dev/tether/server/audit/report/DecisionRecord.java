package dev.tether.server.audit.report;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.util.List;

/**
 * One audit record as a report lists it: what fired, for whom, where, under which policy, and how
 * to find it again (event, decision and trace ids, leaf index). Never payload content.
 */
public record DecisionRecord(
    long leafIndex,
    String eventId,
    String decisionId,
    String traceId,
    Instant occurredAt,
    String group,
    String deviceId,
    String osUser,
    String developer,
    String app,
    AuditLayer layer,
    ResponseMode mode,
    String destinationHost,
    String provider,
    String model,
    long policyVersion,
    List<String> detectorIds,
    int findingCount,
    String classification,
    Double confidence,
    boolean escalated,
    String reason) {

  public DecisionRecord {
    detectorIds = List.copyOf(detectorIds);
  }
}
