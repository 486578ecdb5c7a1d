package dev.tether.agent.policy;

/**
 * The agent's enforcement state, as shown by {@code status}, sent in heartbeats and listed in the
 * console. Every transition is an audit event (layer AGENT).
 *
 * <pre>
 * UNENROLLED --enroll--> NO_POLICY --verified bundle--> ENFORCING
 * ENFORCING --refresh failing--> GRACE --grace over or bundle expired--> FALLBACK
 * GRACE, FALLBACK, NO_POLICY --verified bundle / successful refresh--> ENFORCING
 * </pre>
 */
public enum PolicyState {
  /** No enrollment in the state dir: the daemon does not run; the OS redirect blocks AI egress. */
  UNENROLLED,
  /** Enrolled, but no policy ever verified (or the cache was rejected): AI egress blocked. */
  NO_POLICY,
  /** A verified, unexpired policy is in force and the last refresh succeeded. */
  ENFORCING,
  /**
   * Refresh is failing: the last verified policy is still enforced until the grace period (or the
   * bundle's expiry, whichever is first) runs out.
   */
  GRACE,
  /**
   * Grace over or bundle expired: the policy's restrictive fallback posture applies (default: block
   * all AI egress) until a fresh bundle verifies.
   */
  FALLBACK
}
