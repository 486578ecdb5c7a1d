package dev.tether.core.bundle;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A bundle, root or signed time that must not be used. {@link #reason()} is a stable code for
 * status, audit and tests; the message says which check failed and with which values, e.g. {@code
 * rollback: bundle version 3 is not newer than the accepted version 5}.
 */
public final class BundleVerificationException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** Why verification failed. {@link #code()} is the stable lowercase form. */
  public enum Reason {
    /** Not parseable, wrong payload type, missing field, invalid policy. */
    MALFORMED,
    /** Larger than the hard limit. */
    TOO_LARGE,
    /** A signature by a delegated key that does not verify. */
    SIGNATURE,
    /** Signed only by keys the trusted root does not delegate to (a newer root may). */
    UNKNOWN_KEY,
    /** Signed by a key the root revoked. */
    REVOKED_KEY,
    /** Signed by a key outside its validity period. */
    EXPIRED_KEY,
    /** Bound to another tenant, group or device. */
    SCOPE,
    /** Version not newer than the accepted one (or not the cached one). */
    ROLLBACK,
    /** Past its expiresAt (freeze). */
    EXPIRED,
    /** Issued in the future beyond the tolerated clock skew. */
    NOT_YET_VALID,
    /** Content digest or size does not match the signed values. */
    DIGEST,
    /** Root metadata without a threshold of valid root-key signatures (old or new root). */
    ROOT_THRESHOLD,
    /** Root metadata version not newer than the trusted one. */
    ROOT_ROLLBACK,
    /** Root chain broken: a version gap, too long, another tenant. */
    ROOT_CHAIN,
    /** No root in the chain matches the fingerprint pinned at install. */
    ROOT_PIN;

    /** Lowercase code, e.g. {@code revoked_key}. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Reason reason;

  public BundleVerificationException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason").code() + ": " + message);
    this.reason = reason;
  }

  public BundleVerificationException(Reason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(reason, "reason").code() + ": " + message, cause);
    this.reason = reason;
  }

  /** The failed check. */
  public Reason reason() {
    return reason;
  }
}
