package dev.tether.server.policy;

import java.time.Instant;

/** A tenant as listed to admins. */
public record TenantSummary(String id, String name, Instant createdAt) {}
