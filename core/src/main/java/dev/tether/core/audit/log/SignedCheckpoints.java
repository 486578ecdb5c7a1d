package dev.tether.core.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Base64;

/** Opens a signed checkpoint note with a pinned key. */
public final class SignedCheckpoints {
  /** Largest signed note accepted. */
  public static final int MAX_NOTE_CHARS = 16 * 1024;

  private SignedCheckpoints() {}

  /**
   * Verifies that {@code note} carries a valid signature by {@code key} and returns its checkpoint.
   * Signature lines by other keys are ignored; at least one must be by {@code key} and valid.
   *
   * @throws LogVerificationException if the note is malformed, carries no signature by {@code key},
   *     or the signature does not verify
   */
  public static Checkpoint open(String note, NoteVerifierKey key) throws LogVerificationException {
    if (note == null || note.length() > MAX_NOTE_CHARS) {
      throw new LogVerificationException("signed note: missing or longer than " + MAX_NOTE_CHARS);
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) {
      throw new LogVerificationException("signed note: no blank line before the signatures");
    }
    String body = note.substring(0, split + 1);
    String[] signatures = note.substring(split + 2).split("\n");
    byte[] wantHash = key.keyHash();
    boolean sawKey = false;
    for (String line : signatures) {
      if (!line.startsWith("\u2014 ")) {
        throw new LogVerificationException("signed note: malformed signature line");
      }
      String[] parts = line.substring(2).split(" ");
      if (parts.length != 2 || !parts[0].equals(key.name())) {
        continue;
      }
      byte[] blob;
      try {
        blob = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new LogVerificationException("signed note: signature is not base64");
      }
      if (blob.length < 5 || !MessageDigest.isEqual(Arrays.copyOf(blob, 4), wantHash)) {
        continue;
      }
      sawKey = true;
      try {
        key.publicKey()
            .verify(
                body.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(blob, 4, blob.length));
      } catch (SignatureException e) {
        throw new LogVerificationException(
            "signed note: signature by " + key.name() + " does not verify", e);
      }
    }
    if (!sawKey) {
      throw new LogVerificationException(
          "signed note: no signature by the pinned key " + key.name());
    }
    return Checkpoint.parse(body);
  }
}
