package dev.tether.server.policy.identity;

import jakarta.ejb.ApplicationException;
import java.time.Duration;

/**
 * A refused sign-in. The message is the same for an unknown account and a wrong password; {@code
 * status} is 401 (bad credentials), 423 (account name locked after repeated failures; {@code
 * retryAfter} says how long) or 503 (too many sign-ins being checked at once).
 */
@ApplicationException(rollback = true)
public class AuthenticationFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Duration retryAfter;

  AuthenticationFailure(int status, String message, Duration retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  static AuthenticationFailure badCredentials() {
    return new AuthenticationFailure(401, "login: unknown user or wrong password", null);
  }

  static AuthenticationFailure locked(Duration retryAfter) {
    return new AuthenticationFailure(
        423, "login: too many failed attempts; try again later", retryAfter);
  }

  static AuthenticationFailure busy() {
    return new AuthenticationFailure(
        503, "login: too many sign-ins in progress", Duration.ofSeconds(1));
  }

  public int status() {
    return status;
  }

  /** Seconds until a retry can succeed, rounded up; 0 when not applicable. */
  public long retryAfterSeconds() {
    if (retryAfter == null) {
      return 0;
    }
    long s = retryAfter.toSeconds();
    return retryAfter.minusSeconds(s).isZero() ? Math.max(s, 1) : s + 1;
  }
}
