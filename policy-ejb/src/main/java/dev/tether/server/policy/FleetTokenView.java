package dev.tether.server.policy;

import java.time.Instant;

/**
 * What the admin API shows of a fleet enrollment token: never the token or its hash.
 *
 * @param id the token's public id (for revocation)
 * @param group the group it enrolls into
 * @param issuedAt when it was issued
 * @param expiresAt when it stops enrolling
 * @param maxUses most devices it enrolls
 * @param uses devices enrolled with it so far
 * @param lastUsedAt the latest enrollment, or null
 * @param revokedAt when it was revoked, or null
 */
public record FleetTokenView(
    String id,
    String group,
    Instant issuedAt,
    Instant expiresAt,
    int maxUses,
    int uses,
    Instant lastUsedAt,
    Instant revokedAt) {}
