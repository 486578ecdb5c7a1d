package dev.tether.core.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Opens C2SP signed notes (text, a blank line, then {@code "— <name> <base64(keyHash ||
 * signature)>"} lines) with a pinned Ed25519 key, whatever the text is: checkpoints and evidence
 * manifests share this envelope. The caller parses the returned text strictly.
 */
public final class SignedNotes {
  /** Largest signed checkpoint note accepted. */
  public static final int MAX_CHECKPOINT_NOTE_CHARS = 16 * 1024;

  private SignedNotes() {}

  /** {@link #open(String, NoteVerifierKey, int)} bounded at {@link #MAX_CHECKPOINT_NOTE_CHARS}. */
  public static String open(String note, NoteVerifierKey key) throws LogVerificationException {
    return open(note, key, MAX_CHECKPOINT_NOTE_CHARS);
  }

  /**
   * Verifies that {@code note} carries a valid signature by {@code key} and returns its signed text
   * (ending with a newline). Signature lines by other keys are ignored; at least one must be by
   * {@code key} and valid.
   *
   * @throws LogVerificationException if the note is missing, longer than {@code maxChars},
   *     malformed, carries no signature by {@code key}, or the signature does not verify
   */
  public static String open(String note, NoteVerifierKey key, int maxChars)
      throws LogVerificationException {
    if (note == null || note.length() > maxChars) {
      throw new LogVerificationException("signed note: missing or longer than " + maxChars);
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
    return body;
  }

  /**
   * Checks that {@code text} can be signed as a note: non-empty, ends with a newline, contains no
   * blank line and no control character other than newline.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static void checkText(String text) {
    if (text == null || text.isEmpty() || !text.endsWith("\n")) {
      throw new IllegalArgumentException("signed note text: expected non-empty, ending in newline");
    }
    if (text.startsWith("\n") || text.contains("\n\n")) {
      throw new IllegalArgumentException("signed note text: must not contain a blank line");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\n') || c == 0x7f) {
        throw new IllegalArgumentException(
            "signed note text: control character 0x" + Integer.toHexString(c) + " at " + i);
      }
    }
  }
}
