package dev.tether.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import org.junit.jupiter.api.Test;

class Ed25519KeyPairTest {
  private final byte[] message = "policy".getBytes(StandardCharsets.UTF_8);

  @Test
  void fromSeed_restoresSameKey() throws Exception {
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    Ed25519KeyPair restored = Ed25519KeyPair.fromSeed(key.seed());

    assertEquals(key.publicKey(), restored.publicKey());
    restored.publicKey().verify(message, key.sign(message));
  }

  @Test
  void verify_flippedBit_throws() {
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    byte[] signature = key.sign(message);
    signature[10] ^= 1;

    assertThrows(SignatureException.class, () -> key.publicKey().verify(message, signature));
  }

  @Test
  void verify_wrongLength_throwsNamingSizes() {
    Ed25519KeyPair key = Ed25519KeyPair.generate();

    SignatureException e =
        assertThrows(SignatureException.class, () -> key.publicKey().verify(message, new byte[10]));
    assertThat(e.getMessage()).contains("expected 64 bytes, got 10");
  }

  @Test
  void fromSeed_wrongLength_throws() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Ed25519KeyPair.fromSeed(SecretBytes.copyOf(new byte[31])));
    assertThat(e.getMessage()).contains("expected 32 bytes, got 31");
  }

  @Test
  void toString_neverRevealsSecret() {
    Ed25519KeyPair key = Ed25519KeyPair.generate();

    assertThat(key.toString())
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(key.seed().revealCopy()));
    assertThat(key.seed().toString()).contains("masked");
  }
}
