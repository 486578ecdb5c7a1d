package dev.tether.server.web.oidc;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * The browser-held half of one sign-in: {@code state}, {@code nonce}, the PKCE verifier, where to
 * return, and when it was issued, in the cookie {@value #NAME} ({@code HttpOnly; SameSite=Lax}, so
 * it is sent on the provider's top-level redirect back; {@code Secure} over HTTPS; 10 minutes). The
 * provider sees only {@code state}, {@code nonce} and the verifier's S256 challenge; a code stolen
 * from a redirect is useless without the verifier, and a callback whose {@code state} is not this
 * browser's is refused (login CSRF).
 */
record FlowCookie(String state, String nonce, String verifier, String returnTo, long issuedAt) {
  /** Cookie name. */
  static final String NAME = "TETHER_OIDC";

  /** How long a sign-in may take at the provider. */
  static final long MAX_AGE_SECONDS = 600;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** A fresh sign-in: 256-bit state, nonce and verifier. */
  static FlowCookie start(String returnTo) {
    return new FlowCookie(random(), random(), random(), returnTo, Instant.now().getEpochSecond());
  }

  /** The S256 code challenge of the verifier (RFC 7636 section 4.2). */
  String challenge() {
    try {
      return B64.encodeToString(
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  String encode() {
    return String.join(
        ".",
        state,
        nonce,
        verifier,
        B64.encodeToString(returnTo.getBytes(StandardCharsets.UTF_8)),
        Long.toString(issuedAt));
  }

  /**
   * Parses the cookie and checks its age.
   *
   * @throws OidcException 401 for a missing, malformed or expired cookie
   */
  static FlowCookie decode(String value) throws OidcException {
    if (value == null || value.isEmpty() || value.length() > 2048) {
      throw new OidcException(401, "oidc: no sign-in in progress in this browser (cookie missing)");
    }
    String[] parts = value.split("\\.", -1);
    if (parts.length != 5) {
      throw new OidcException(401, "oidc: sign-in cookie malformed");
    }
    try {
      long issued = Long.parseLong(parts[4]);
      long age = Instant.now().getEpochSecond() - issued;
      if (age < -60 || age > MAX_AGE_SECONDS) {
        throw new OidcException(401, "oidc: sign-in took longer than " + MAX_AGE_SECONDS + " s");
      }
      return new FlowCookie(
          parts[0],
          parts[1],
          parts[2],
          new String(Base64.getUrlDecoder().decode(parts[3]), StandardCharsets.UTF_8),
          issued);
    } catch (IllegalArgumentException e) {
      throw new OidcException(401, "oidc: sign-in cookie malformed");
    }
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return B64.encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "FlowCookie[masked, issuedAt=" + issuedAt + "]";
  }
}
