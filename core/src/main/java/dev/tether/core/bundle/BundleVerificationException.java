package dev.tether.core.bundle;

import java.security.GeneralSecurityException;

/**
 * A bundle that must not be used. The message says which check failed and with which values, e.g.
 * {@code version 3 is not newer than the accepted version 5 (rollback)}.
 */
public final class BundleVerificationException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  public BundleVerificationException(String message) {
    super(message);
  }

  public BundleVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
