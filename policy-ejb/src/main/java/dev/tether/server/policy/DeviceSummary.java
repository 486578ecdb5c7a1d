package dev.tether.server.policy;

import java.time.Instant;

/**
 * A device as listed to admins. {@code lastSeenAt} and {@code state} are null before the first
 * heartbeat. {@code state} is the agent's enforcement state ({@code NO_POLICY}, {@code ENFORCING},
 * {@code GRACE}, {@code FALLBACK}); {@code graceEndsAt} is set only in GRACE. {@code agentVersion}
 * is the version the agent reported last (at enrollment, then with every heartbeat); {@code os} the
 * operating system it reported at enrollment (null for older agents).
 */
public record DeviceSummary(
    String deviceId,
    String group,
    String hostname,
    String osUser,
    Instant enrolledAt,
    Instant lastSeenAt,
    String state,
    long policyVersion,
    Instant graceEndsAt,
    String agentVersion,
    String os) {}
