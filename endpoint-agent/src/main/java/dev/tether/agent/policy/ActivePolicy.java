package dev.tether.agent.policy;

import dev.tether.core.bundle.VerifiedBundle;
import dev.tether.core.policy.PolicyDocument;
import java.time.Instant;
import java.util.Objects;

/**
 * One verified policy, immutable, swapped whole. Holding one is proof the bundle verified; whether
 * it still counts depends on the trusted clock ({@link #isExpired}) and the agent's state.
 *
 * @param bundle the verified bundle
 * @param etag the ETag it was downloaded with, or {@code null}
 * @param fallback true when handed to the pipeline in {@link PolicyState#FALLBACK}: only the
 *     policy's fallback posture applies (by default every AI request is blocked)
 */
public record ActivePolicy(VerifiedBundle bundle, String etag, boolean fallback) {
  public ActivePolicy {
    Objects.requireNonNull(bundle, "bundle");
  }

  /** A policy in normal enforcement. */
  public ActivePolicy(VerifiedBundle bundle, String etag) {
    this(bundle, etag, false);
  }

  public PolicyDocument document() {
    return bundle.policy();
  }

  public long version() {
    return bundle.version();
  }

  public String name() {
    return bundle.policy().name();
  }

  public Instant expiresAt() {
    return bundle.payload().expiresAt();
  }

  /** True once {@code now} is at or past the bundle's expiry: it no longer counts as verified. */
  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt());
  }

  /** True if a request to {@code host} must be blocked by the fallback posture. */
  public boolean fallbackBlocks(String host) {
    return fallback && !document().enforcement().fallbackAllows(host);
  }

  ActivePolicy inFallback() {
    return new ActivePolicy(bundle, etag, true);
  }
}
