package dev.tether.agent.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of the policy client for {@code status}, heartbeats and tests.
 *
 * @param state the enforcement state
 * @param policyName name of the last verified policy, or {@code null}
 * @param policyVersion its version, 0 when none
 * @param expiresAt its signed expiry, or {@code null}
 * @param lastSync trusted time of the last successful refresh, or {@code null}
 * @param graceEndsAt when GRACE turns into FALLBACK (grace end or bundle expiry, whichever is
 *     first), or {@code null} without a policy
 * @param graceLeft time left until then in GRACE, {@code null} in other states
 * @param versionFloor highest version ever applied
 * @param refreshError why the last refresh failed, or {@code null}
 * @param cacheProblem why the cache or the trust floors were rejected at load, or {@code null}
 * @param clockSkew local clock minus verified server time (negative: local clock behind)
 */
public record PolicyStatus(
    PolicyState state,
    String policyName,
    long policyVersion,
    Instant expiresAt,
    Instant lastSync,
    Instant graceEndsAt,
    Duration graceLeft,
    long versionFloor,
    String refreshError,
    String cacheProblem,
    Duration clockSkew) {}
