package dev.tether.server.policy;

import java.time.Instant;

/**
 * A published bundle as listed to admins (no envelope): one entry of the version history.
 *
 * @param version bundle version
 * @param digest {@code sha256:} of the signed envelope
 * @param issuedAt signed issue time
 * @param expiresAt signed expiry
 * @param contentDigest {@code sha256:} of the policy content (a rollback repeats its source's)
 * @param kind how it came to be
 * @param sourceVersion for ROLLBACK and RESIGN: the version whose content it republishes
 * @param publishedBy who published it
 * @param publishedAt when
 * @param note the change note (why)
 * @param signingKeyId the signing key that signed it
 */
public record PublishedVersion(
    long version,
    String digest,
    Instant issuedAt,
    Instant expiresAt,
    String contentDigest,
    Kind kind,
    Long sourceVersion,
    String publishedBy,
    Instant publishedAt,
    String note,
    String signingKeyId) {

  /** How a version was made. */
  public enum Kind {
    /** The group's draft, published. */
    PUBLISH,
    /** An older version's content republished under a new, higher version. */
    ROLLBACK,
    /** The current content re-signed (signing key revoked, or refreshed before expiry). */
    RESIGN
  }
}
