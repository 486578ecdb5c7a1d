package dev.tether.agent.statuspage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects state-changing requests to the status page, which listens on loopback where any web page
 * the developer opens could otherwise post to it: a token bound to the decision id (HMAC with a key
 * that never leaves the process), checked in constant time; the {@code Host} header must name this
 * server (a rebound DNS name is refused); {@code Origin} and {@code Sec-Fetch-Site}, when the
 * browser sends them, must be same-origin. {@link #check} throws instead of returning false.
 */
final class CsrfGuard {
  private final byte[] key = new byte[32];
  private final String authority;

  /**
   * @param authority {@code 127.0.0.1:port} this server answers on
   */
  CsrfGuard(String authority) {
    new SecureRandom().nextBytes(key);
    this.authority = authority.toLowerCase(Locale.ROOT);
  }

  /** The token for a form acting on {@code decisionId}. */
  String token(String decisionId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(decisionId.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True if {@code host} (a Host header) names this server. */
  boolean hostAllowed(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    String port = authority.substring(authority.lastIndexOf(':'));
    return h.equals(authority) || h.equals("localhost" + port);
  }

  /**
   * Checks a state-changing request.
   *
   * @throws SecurityException naming what was wrong
   */
  void check(String decisionId, String token, String host, String origin, String fetchSite) {
    if (!hostAllowed(host)) {
      throw new SecurityException("unexpected Host header");
    }
    if (origin != null && !hostAllowed(origin.replaceFirst("^http://", ""))) {
      throw new SecurityException("cross-origin request");
    }
    if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
      throw new SecurityException("cross-site request");
    }
    if (token == null
        || !MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8),
            token(decisionId).getBytes(StandardCharsets.UTF_8))) {
      throw new SecurityException("missing or invalid form token");
    }
  }
}
