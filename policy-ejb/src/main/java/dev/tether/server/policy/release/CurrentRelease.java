package dev.tether.server.policy.release;

import dev.tether.server.policy.CurrentBundle;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What the release endpoint answers: the strong ETag of the platform's newest signed release record
 * and, unless the caller already has it, the envelope bytes.
 *
 * @param etag quoted strong ETag, {@code "<counter>-<first 16 hex of the envelope digest>"}
 * @param envelope the signed envelope, empty when the caller's ETag matched
 */
public record CurrentRelease(String etag, Optional<byte[]> envelope) {
  /** How long a served record stays valid at most. */
  public static final Duration VALIDITY = Duration.ofDays(7);

  /**
   * Expiry of a record signed at {@code now}: the start of the current UTC day plus {@link
   * #VALIDITY}. Every instance signing on the same day with the same key produces the same bytes
   * (Ed25519 is deterministic), so the ETag is stable across a cluster and changes once a day.
   */
  public static Instant expiresAt(Instant now) {
    return now.truncatedTo(ChronoUnit.DAYS).plus(VALIDITY);
  }

  /** The ETag of a release counter and its envelope's {@code sha256:<hex>} digest. */
  public static String etag(long counter, String digest) {
    return CurrentBundle.etag(counter, digest);
  }
}
