package dev.tether.agent.policy;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Audit records (layer {@link AuditLayer#AGENT}) for policy state transitions, rejected caches and
 * rejected downloads. A record that cannot be spooled is logged at ERROR; the state change itself
 * still happens (blocking is never delayed by audit).
 */
final class PolicyAudit {
  private static final System.Logger LOG = System.getLogger(PolicyAudit.class.getName());

  /** Where the records go: the durable audit spool in the daemon. */
  @FunctionalInterface
  public interface Sink {
    void append(List<AuditEvent> events) throws IOException;
  }

  private final Sink sink;
  private final String deviceId;
  private final Clock clock;

  PolicyAudit(Sink sink, String deviceId, Clock clock) {
    this.sink = sink;
    this.deviceId = deviceId;
    this.clock = Objects.requireNonNull(clock);
  }

  void transition(String from, PolicyState to, long policyVersion, String why) {
    record(
        modeOf(to),
        "policy_state " + from + " -> " + to + (why == null ? "" : ": " + why),
        policyVersion);
  }

  void rejected(String what, long policyVersion, String why) {
    record(ResponseMode.BLOCK, what + ": " + why, policyVersion);
  }

  private void record(ResponseMode mode, String reason, long policyVersion) {
    if (sink == null || deviceId == null) {
      return;
    }
    try {
      sink.append(
          List.of(
              new AuditEvent(
                  AuditEvent.newId(),
                  AuditEvent.newId(),
                  clock.instant(),
                  deviceId,
                  System.getProperty("user.name"),
                  AuditLayer.AGENT,
                  mode,
                  reason,
                  null,
                  null,
                  policyVersion,
                  List.of(),
                  0,
                  null,
                  0)));
    } catch (IOException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "cannot audit policy event ({0}): {1}",
          reason,
          e.getMessage());
    }
  }

  /** What AI egress gets in that state: forwarded after inspection, or blocked. */
  private static ResponseMode modeOf(PolicyState state) {
    return switch (state) {
      case ENFORCING -> ResponseMode.ALLOW;
      case GRACE -> ResponseMode.WARN;
      case UNENROLLED, NO_POLICY, FALLBACK -> ResponseMode.BLOCK;
    };
  }
}
