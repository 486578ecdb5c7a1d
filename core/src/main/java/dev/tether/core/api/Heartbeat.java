package dev.tether.core.api;

import java.time.Instant;

/**
 * @param state the agent's policy state: {@code NO_POLICY}, {@code ENFORCING}, {@code GRACE}
 *     (refresh failing, last verified policy still enforced), {@code FALLBACK} (grace over: the
 *     policy's fallback posture, by default all AI egress blocked)
 * @param policyVersion the version being enforced, 0 when none
 * @param agentVersion the agent's version
 * @param auditBacklog audit events spooled but not yet uploaded
 * @param graceEndsAt in GRACE: when the agent falls back unless a refresh succeeds; else {@code
 *     null}
 */
public record Heartbeat(
    String state, long policyVersion, String agentVersion, long auditBacklog, Instant graceEndsAt) {

  /** A heartbeat outside GRACE. */
  public Heartbeat(String state, long policyVersion, String agentVersion, long auditBacklog) {
    this(state, policyVersion, agentVersion, auditBacklog, null);
  }
}
