package dev.tether.agent.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The refresh history and the last reported {@link PolicyState}: evaluates {@link StateRules} for
 * the policy in force, and audits, logs and reports every transition exactly once.
 */
final class StateTracker {
  private static final System.Logger LOG = System.getLogger(StateTracker.class.getName());

  private final Supplier<ActivePolicy> active;
  private final Clock clock;
  private final Duration staleAfter;
  private final PolicyAudit audit;
  private final Runnable onChange;
  private final Object transitionLock = new Object();
  private volatile Instant lastSync;
  private volatile String refreshError;
  private volatile PolicyState reported;

  StateTracker(
      Supplier<ActivePolicy> active,
      Clock clock,
      Duration staleAfter,
      PolicyAudit audit,
      Runnable onChange) {
    this.active = active;
    this.clock = clock;
    this.staleAfter = staleAfter;
    this.audit = audit;
    this.onChange = onChange;
  }

  /** Restores the last successful refresh from disk (ignored if it lies in the future). */
  void restoreLastSync(Instant sync) {
    lastSync = sync != null && !sync.isAfter(clock.instant()) ? sync : null;
  }

  void synced(Instant at) {
    lastSync = at;
    refreshError = null;
  }

  void failed(String error) {
    refreshError = Objects.requireNonNullElse(error, "unknown error");
  }

  Instant lastSync() {
    return lastSync;
  }

  String refreshError() {
    return refreshError;
  }

  /** Last successful refresh, or the bundle's signed issue time when none is known. */
  Instant syncReference(ActivePolicy policy) {
    Instant sync = lastSync;
    return sync != null ? sync : policy.bundle().payload().issuedAt();
  }

  /** Computes the state now; audits and reports a transition. */
  PolicyState evaluate(String cause) {
    ActivePolicy policy = active.get();
    PolicyState state =
        StateRules.state(
            policy,
            clock.instant(),
            policy == null ? null : syncReference(policy),
            refreshError != null,
            staleAfter);
    if (state != reported) {
      transition(state, policy, cause);
    }
    return state;
  }

  private void transition(PolicyState state, ActivePolicy policy, String cause) {
    PolicyState from;
    synchronized (transitionLock) {
      from = reported;
      if (from == state) {
        return;
      }
      reported = state;
    }
    String why = cause;
    if (why == null && policy != null) {
      why =
          state == PolicyState.FALLBACK
              ? "grace over or bundle expired (grace end "
                  + StateRules.graceEnd(policy, syncReference(policy))
                  + ")"
              : Objects.requireNonNullElse(refreshError, "re-evaluated against the trusted clock");
    }
    LOG.log(
        state == PolicyState.ENFORCING ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
        "policy state {0} -> {1} policyVersion={2}: {3}",
        from == null ? "START" : from,
        state,
        policy == null ? 0 : policy.version(),
        why);
    audit.transition(
        from == null ? "START" : from.name(), state, policy == null ? 0 : policy.version(), why);
    // Never called under a lock: the listener may read status() (daemon lock).
    onChange.run();
  }
}
