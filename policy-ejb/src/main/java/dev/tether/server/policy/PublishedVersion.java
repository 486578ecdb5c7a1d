package dev.tether.server.policy;

import java.time.Instant;

/** A published bundle as listed to admins (no envelope). */
public record PublishedVersion(long version, String digest, Instant issuedAt, Instant expiresAt) {}
