package dev.tether.agent.policy;

/** What the agent is enforcing, as shown by {@code status} and sent in heartbeats. */
public enum PolicyState {
  /** No enrollment in the state dir. */
  UNENROLLED,
  /**
   * Enrolled, but no verified policy (none downloaded yet, or the cache was rejected): AI egress
   * blocked.
   */
  NO_POLICY,
  /** A verified, unexpired policy is in force. */
  ENFORCING,
  /** The last verified policy expired: AI egress blocked until a fresh bundle verifies. */
  EXPIRED
}
