package dev.tether.server.web.oidc;

/**
 * A single sign-on attempt that must not succeed: a provider answer that does not verify, a state
 * or nonce mismatch, a user without a mapped role. The message names what failed, never a token,
 * code or secret.
 */
public class OidcException extends Exception {
  private static final long serialVersionUID = 1L;

  /** HTTP status for the browser: 401 unverifiable, 403 no role, 502 provider failure. */
  private final int status;

  public OidcException(int status, String message) {
    super(message);
    this.status = status;
  }

  public OidcException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
