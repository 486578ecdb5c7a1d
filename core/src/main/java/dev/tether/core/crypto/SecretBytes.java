package dev.tether.core.crypto;

import java.util.Arrays;

/**
 * Secret material (private key seeds, credentials). {@link #toString()} never reveals the value;
 * reading it is the explicit, greppable call {@link #revealCopy()}.
 */
public final class SecretBytes {
  private final byte[] value;

  private SecretBytes(byte[] value) {
    this.value = value;
  }

  /** Wraps a copy of {@code value}; the caller may wipe its own array afterwards. */
  public static SecretBytes copyOf(byte[] value) {
    if (value == null || value.length == 0) {
      throw new IllegalArgumentException("secret: expected at least 1 byte, got none");
    }
    return new SecretBytes(value.clone());
  }

  /** Returns a copy of the secret. Every caller of this method handles secret material. */
  public byte[] revealCopy() {
    return value.clone();
  }

  public int length() {
    return value.length;
  }

  @Override
  public String toString() {
    return "SecretBytes[" + value.length + " bytes, masked]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretBytes s && java.security.MessageDigest.isEqual(value, s.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new byte[] {(byte) value.length});
  }
}
