package dev.tether.core.rules.tradesecret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bouncycastle.crypto.macs.SipHash;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Turns selected k-gram hashes into stored fingerprints: SipHash-2-4 keyed with a key derived from
 * the set's salt. The stored value is a PRF output, so fingerprints neither contain code nor can be
 * inverted algebraically, and sets registered with different salts cannot be compared. Anyone
 * holding the salt (every agent does) can still test whether a guessed snippet is in a set: that is
 * what detection is.
 */
final class FingerprintKey {
  private static final byte[] DOMAIN =
      "tether/protected-code/v1\0".getBytes(StandardCharsets.US_ASCII);

  private final byte[] key;

  /**
   * @param saltHex the set's salt (hex, possibly empty)
   */
  FingerprintKey(String saltHex) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(DOMAIN);
      sha.update(HexFormat.of().parseHex(saltHex));
      byte[] digest = sha.digest();
      this.key = java.util.Arrays.copyOf(digest, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Keyed fingerprints of the first {@code size} of {@code hashes}, in the same order. */
  long[] apply(long[] hashes, int size) {
    SipHash mac = new SipHash(2, 4);
    mac.init(new KeyParameter(key));
    byte[] block = new byte[8];
    long[] out = new long[size];
    for (int i = 0; i < size; i++) {
      long h = hashes[i];
      for (int b = 0; b < 8; b++) {
        block[b] = (byte) (h >>> (8 * b));
      }
      mac.update(block, 0, 8);
      out[i] = mac.doFinal();
    }
    return out;
  }

  /** A fingerprint as stored in the policy: 16 lowercase hex digits. */
  static String hex(long fingerprint) {
    return HexFormat.of().toHexDigits(fingerprint);
  }

  /** The stored form back as a number. */
  static long parse(String hex) {
    return Long.parseUnsignedLong(hex, 16);
  }
}
