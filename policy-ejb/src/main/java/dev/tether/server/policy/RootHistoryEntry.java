package dev.tether.server.policy;

import dev.tether.core.bundle.RootMetadata;
import java.time.Instant;

/**
 * One stored root-of-trust version: who wrote it, when and why, and the key set it declares (public
 * parts only).
 */
public record RootHistoryEntry(
    long version,
    Instant createdAt,
    String actor,
    String note,
    String fingerprint,
    RootMetadata root) {}
