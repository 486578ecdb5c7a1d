package dev.tether.core.audit.log;

import dev.tether.core.crypto.Ed25519KeyPair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs checkpoints as C2SP signed notes: the body, a blank line, then one line {@code "— <name>
 * <base64(keyHash || signature)>"} where the Ed25519 signature covers the body bytes.
 */
public final class NoteSigner {
  private final String name;
  private final Ed25519KeyPair key;
  private final NoteVerifierKey verifierKey;

  public NoteSigner(String name, Ed25519KeyPair key) {
    NoteVerifierKey.checkName(name);
    this.name = name;
    this.key = Objects.requireNonNull(key, "key");
    this.verifierKey = new NoteVerifierKey(name, key.publicKey());
  }

  /** The key an auditor pins to verify this signer's notes. */
  public NoteVerifierKey verifierKey() {
    return verifierKey;
  }

  /** The signed note of {@code checkpoint}. */
  public String sign(Checkpoint checkpoint) {
    return signBody(checkpoint.bodyBytes());
  }

  /**
   * The signed note of another document signed with the same key (for example an evidence
   * manifest). The body must be a format that can never parse as a {@link Checkpoint} (whose second
   * line is a decimal size), so a note signed here is never mistaken for a checkpoint.
   *
   * @throws IllegalArgumentException if the body is not a valid signed-note text (non-empty, ends
   *     with a newline, no blank line, no control characters other than newline)
   */
  public String signText(String text) {
    SignedNotes.checkText(text);
    return signBody(text.getBytes(StandardCharsets.UTF_8));
  }

  private String signBody(byte[] body) {
    byte[] signature = key.sign(body);
    byte[] blob =
        ByteBuffer.allocate(4 + signature.length).put(verifierKey.keyHash()).put(signature).array();
    return new String(body, StandardCharsets.UTF_8)
        + "\n\u2014 "
        + name
        + " "
        + Base64.getEncoder().encodeToString(blob)
        + "\n";
  }
}
