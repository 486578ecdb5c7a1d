package dev.tether.agent.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * The state machine's rules as one pure function of the active policy, the trusted time and the
 * refresh history, so the daemon, {@code status} and tests all read the same answer.
 */
final class StateRules {
  private StateRules() {}

  /**
   * @param policy the last verified policy, or {@code null}
   * @param now trusted time
   * @param syncReference trusted time of the last successful refresh (or the bundle's signed issue
   *     time when none is known)
   * @param refreshFailing true if the last refresh attempt failed
   * @param staleAfter how long without a successful refresh counts as failing
   */
  static PolicyState state(
      ActivePolicy policy,
      Instant now,
      Instant syncReference,
      boolean refreshFailing,
      Duration staleAfter) {
    if (policy == null) {
      return PolicyState.NO_POLICY;
    }
    if (!now.isBefore(graceEnd(policy, syncReference))) {
      return PolicyState.FALLBACK;
    }
    if (refreshFailing || Duration.between(syncReference, now).compareTo(staleAfter) > 0) {
      return PolicyState.GRACE;
    }
    return PolicyState.ENFORCING;
  }

  /**
   * When the last verified policy stops being enforced: grace period after the last successful
   * refresh, never later than the bundle's signed expiry.
   */
  static Instant graceEnd(ActivePolicy policy, Instant syncReference) {
    Instant graceEnd = syncReference.plus(policy.document().enforcement().grace());
    return graceEnd.isBefore(policy.expiresAt()) ? graceEnd : policy.expiresAt();
  }
}
