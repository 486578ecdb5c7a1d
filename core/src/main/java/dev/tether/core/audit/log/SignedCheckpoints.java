package dev.tether.core.audit.log;

/** Opens a signed checkpoint note with a pinned key. */
public final class SignedCheckpoints {
  /** Largest signed note accepted. */
  public static final int MAX_NOTE_CHARS = SignedNotes.MAX_CHECKPOINT_NOTE_CHARS;

  private SignedCheckpoints() {}

  /**
   * Verifies that {@code note} carries a valid signature by {@code key} and returns its checkpoint.
   * Signature lines by other keys are ignored; at least one must be by {@code key} and valid.
   *
   * @throws LogVerificationException if the note is malformed, carries no signature by {@code key},
   *     or the signature does not verify
   */
  public static Checkpoint open(String note, NoteVerifierKey key) throws LogVerificationException {
    return Checkpoint.parse(SignedNotes.open(note, key));
  }
}
