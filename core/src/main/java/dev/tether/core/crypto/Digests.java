package dev.tether.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests in the one textual form Tether uses everywhere: {@code sha256:<hex>}. */
public final class Digests {
  private Digests() {}

  /** Returns {@code sha256:} followed by the lowercase hex SHA-256 of {@code data}. */
  public static String sha256(byte[] data) {
    return "sha256:" + HexFormat.of().formatHex(sha256Raw(data));
  }

  /** Raw 32-byte SHA-256 of {@code data}. */
  public static byte[] sha256Raw(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from this JVM", e);
    }
  }
}
