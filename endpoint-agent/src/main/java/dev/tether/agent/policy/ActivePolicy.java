package dev.tether.agent.policy;

import dev.tether.core.bundle.VerifiedBundle;
import dev.tether.core.policy.PolicyDocument;
import java.time.Instant;
import java.util.Objects;

/**
 * One verified policy, immutable, swapped whole. Holding one is proof the bundle verified; whether
 * it still counts depends on the clock ({@link #isExpired}).
 *
 * @param bundle the verified bundle
 * @param etag the ETag it was downloaded with, or {@code null}
 */
public record ActivePolicy(VerifiedBundle bundle, String etag) {
  public ActivePolicy {
    Objects.requireNonNull(bundle, "bundle");
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
}
