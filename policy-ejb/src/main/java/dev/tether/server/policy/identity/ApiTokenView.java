package dev.tether.server.policy.identity;

import java.time.Instant;
import java.util.List;

/** An API token as listed (never the secret). */
public record ApiTokenView(
    String id,
    String name,
    String owner,
    List<RoleGrant> roles,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt) {}
