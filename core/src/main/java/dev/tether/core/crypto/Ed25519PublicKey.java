package dev.tether.core.crypto;

import java.security.SignatureException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 public key (32 raw bytes) and its key id: the first 16 bytes of the SHA-256 of the raw
 * key, in hex. Textual form: standard Base64 of the raw key.
 */
public final class Ed25519PublicKey {
  private final byte[] raw;
  private final String keyId;

  private Ed25519PublicKey(byte[] raw) {
    this.raw = raw;
    this.keyId = HexFormat.of().formatHex(Arrays.copyOf(Digests.sha256Raw(raw), 16));
  }

  /**
   * @throws IllegalArgumentException if {@code raw} is not 32 bytes
   */
  public static Ed25519PublicKey fromRaw(byte[] raw) {
    if (raw == null || raw.length != Ed25519KeyPair.KEY_LENGTH) {
      throw new IllegalArgumentException(
          "ed25519 public key: expected "
              + Ed25519KeyPair.KEY_LENGTH
              + " bytes, got "
              + (raw == null ? 0 : raw.length));
    }
    return new Ed25519PublicKey(raw.clone());
  }

  /**
   * Parses the Base64 textual form.
   *
   * @throws IllegalArgumentException naming the problem, for bad Base64 or a wrong length
   */
  public static Ed25519PublicKey fromBase64(String base64) {
    try {
      return fromRaw(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("ed25519 public key: " + e.getMessage(), e);
    }
  }

  public String keyId() {
    return keyId;
  }

  public byte[] raw() {
    return raw.clone();
  }

  public String toBase64() {
    return Base64.getEncoder().encodeToString(raw);
  }

  /**
   * Verifies an Ed25519 signature.
   *
   * @throws SignatureException if the signature is malformed or does not match; never returns
   *     normally for a bad signature
   */
  public void verify(byte[] message, byte[] signature) throws SignatureException {
    if (signature == null || signature.length != 64) {
      throw new SignatureException(
          "ed25519 signature by key "
              + keyId
              + ": expected 64 bytes, got "
              + (signature == null ? 0 : signature.length));
    }
    if (!Ed25519KeyPair.check(raw, message, signature)) {
      throw new SignatureException("ed25519 signature by key " + keyId + " does not verify");
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Ed25519PublicKey k && Arrays.equals(raw, k.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "Ed25519PublicKey[" + keyId + "]";
  }
}
