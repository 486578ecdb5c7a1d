package dev.tether.core.audit.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 (section 2.1) Merkle tree hashing with SHA-256: leaves are hashed with a {@code 0x00}
 * prefix, interior nodes with {@code 0x01}, so a leaf can never be passed off as a node.
 */
public final class Rfc6962 {
  /** Length of every hash in the log. */
  public static final int HASH_BYTES = 32;

  private Rfc6962() {}

  /** {@code SHA-256(0x00 || data)}. */
  public static byte[] leafHash(byte[] data) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x00);
    sha.update(data);
    return sha.digest();
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x01);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /** The root of the empty tree, {@code SHA-256("")}. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  /** The largest power of two strictly smaller than {@code n} (n &gt; 1). */
  static long splitPoint(long n) {
    return Long.highestOneBit(n - 1);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
