package dev.tether.core.audit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;

class SignedCheckpointsTest {
  final Ed25519KeyPair key = Ed25519KeyPair.generate();
  final NoteSigner signer = new NoteSigner("tether.test/audit", key);
  final Checkpoint checkpoint =
      new Checkpoint("tether.test/audit", 42, Rfc6962.leafHash(new byte[] {1}));

  @Test
  void sign_open_roundTrips() throws Exception {
    String note = signer.sign(checkpoint);
    assertTrue(note.startsWith("tether.test/audit\n42\n"));
    assertTrue(note.contains("\n\n\u2014 tether.test/audit "));
    assertEquals(checkpoint, SignedCheckpoints.open(note, signer.verifierKey()));
  }

  @Test
  void verifierKey_encodeParse_roundTrips() {
    NoteVerifierKey parsed = NoteVerifierKey.parse(signer.verifierKey().encode());
    assertEquals(signer.verifierKey(), parsed);
    String encoded = signer.verifierKey().encode();
    String wrongHash = encoded.replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+");
    assertThrows(IllegalArgumentException.class, () -> NoteVerifierKey.parse(wrongHash));
  }

  @Test
  void open_modifiedSize_throws() {
    String note = signer.sign(checkpoint).replaceFirst("\n42\n", "\n43\n");
    assertThrows(
        LogVerificationException.class, () -> SignedCheckpoints.open(note, signer.verifierKey()));
  }

  @Test
  void open_otherKey_throws() {
    NoteSigner other = new NoteSigner("tether.test/audit", Ed25519KeyPair.generate());
    String note = other.sign(checkpoint);
    LogVerificationException e =
        assertThrows(
            LogVerificationException.class,
            () -> SignedCheckpoints.open(note, signer.verifierKey()));
    assertTrue(e.getMessage().contains("no signature by the pinned key"), e.getMessage());
  }

  @Test
  void open_unsigned_throws() {
    assertThrows(
        LogVerificationException.class,
        () -> SignedCheckpoints.open(checkpoint.body(), signer.verifierKey()));
  }

  @Test
  void parse_malformedBodies_throw() {
    assertThrows(LogVerificationException.class, () -> Checkpoint.parse("o\n012\nAAAA\n"));
    assertThrows(LogVerificationException.class, () -> Checkpoint.parse("o\n12\nnot-base64!\n"));
    assertThrows(LogVerificationException.class, () -> Checkpoint.parse("o\n12\n"));
  }
}
