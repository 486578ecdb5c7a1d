package dev.tether.core.audit.log;

import dev.tether.core.crypto.Ed25519PublicKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An Ed25519 signed-note verifier key (C2SP signed-note): a key name and a public key; its key hash
 * is the first four bytes of {@code SHA-256(name || 0x0A || 0x01 || publicKey)}. Encoded as {@code
 * <name>+<8 hex key hash>+<base64(0x01 || publicKey)>}.
 */
public record NoteVerifierKey(String name, Ed25519PublicKey publicKey) {
  static final byte ED25519 = 0x01;

  public NoteVerifierKey {
    checkName(name);
    Objects.requireNonNull(publicKey, "noteVerifierKey.publicKey: required");
  }

  static void checkName(String name) {
    if (name == null
        || name.isEmpty()
        || name.length() > 255
        || !name.matches("[\\x21-\\x7e]+")
        || name.contains("+")) {
      throw new IllegalArgumentException(
          "note key name: expected printable ASCII without spaces or '+', got \"" + name + "\"");
    }
  }

  /** The four-byte key hash that prefixes each signature by this key. */
  public byte[] keyHash() {
    MessageDigest sha = Rfc6962.sha256();
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x0A);
    sha.update(ED25519);
    sha.update(publicKey.raw());
    return Arrays.copyOf(sha.digest(), 4);
  }

  /** The encoded verifier key an auditor pins. */
  public String encode() {
    byte[] typed = new byte[33];
    typed[0] = ED25519;
    System.arraycopy(publicKey.raw(), 0, typed, 1, 32);
    return name
        + "+"
        + HexFormat.of().formatHex(keyHash())
        + "+"
        + Base64.getEncoder().encodeToString(typed);
  }

  /**
   * Parses an encoded verifier key.
   *
   * @throws IllegalArgumentException naming what is wrong, including a key hash that does not match
   */
  public static NoteVerifierKey parse(String encoded) {
    String[] parts = encoded.trim().split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "verifier key: expected <name>+<hash>+<key>, got " + parts.length + " parts");
    }
    byte[] typed;
    try {
      typed = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("verifier key: key is not base64");
    }
    if (typed.length != 33 || typed[0] != ED25519) {
      throw new IllegalArgumentException(
          "verifier key: expected an Ed25519 key (type 0x01, 32 bytes)");
    }
    NoteVerifierKey key =
        new NoteVerifierKey(
            parts[0], Ed25519PublicKey.fromRaw(Arrays.copyOfRange(typed, 1, typed.length)));
    String hash = HexFormat.of().formatHex(key.keyHash());
    if (!hash.equals(parts[1])) {
      throw new IllegalArgumentException(
          "verifier key: key hash mismatch (want " + hash + ", got " + parts[1] + ")");
    }
    return key;
  }
}
