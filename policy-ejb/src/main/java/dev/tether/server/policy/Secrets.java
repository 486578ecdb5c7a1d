package dev.tether.server.policy;

import dev.tether.core.crypto.Digests;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** Random bearer secrets and the only form in which the server stores them: a SHA-256 digest. */
public final class Secrets {
  /** Random bytes in every token and credential. */
  public static final int SECRET_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A fresh random secret, 32 bytes, Base64url without padding. */
  /** {@code count} bytes from the shared {@link SecureRandom}. */
  static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  public static String newToken() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** {@code sha256:<hex>} of the UTF-8 secret; what gets stored and looked up. */
  public static String hash(String secret) {
    return Digests.sha256(secret.getBytes(StandardCharsets.UTF_8));
  }
}
