package dev.tether.server.policy.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
  // small parameters keep the unit test fast; the format and checks are the same
  private final PasswordHasher hasher = new PasswordHasher(64, 1, 1);

  @Test
  void hash_thenVerify_matchesOnlyTheSamePassword() {
    String stored = hasher.hash("correct horse battery".toCharArray());
    assertTrue(stored.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), stored);
    assertTrue(hasher.verify("correct horse battery".toCharArray(), stored));
    assertFalse(hasher.verify("correct horse batterz".toCharArray(), stored));
    assertFalse(hasher.verify("".toCharArray(), stored));
  }

  @Test
  void hash_samePasswordTwice_differentSalts() {
    assertNotEquals(
        hasher.hash("same password!".toCharArray()), hasher.hash("same password!".toCharArray()));
  }

  @Test
  void verify_rfc9106StyleTagFromBouncyCastle_isAcceptedInPhcForm() {
    // an independently computed tag for fixed inputs, encoded the PHC way, must verify
    byte[] salt = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10");
    Argon2BytesGenerator g = new Argon2BytesGenerator();
    g.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(32)
            .withIterations(3)
            .withParallelism(1)
            .withSalt(salt)
            .build());
    byte[] tag = new byte[32];
    g.generateBytes("pässwörd".getBytes(java.nio.charset.StandardCharsets.UTF_8), tag);
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder().withoutPadding();
    String stored =
        "$argon2id$v=19$m=32,t=3,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(tag);
    assertTrue(hasher.verify("pässwörd".toCharArray(), stored));
    assertTrue(hasher.needsRehash(stored));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain",
        "$argon2i$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=16$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=19$m=99999999,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=19$m=64,t=1000,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=19$m=64,t=1,p=1$!!!$AAAA",
        "$argon2id$v=19$m=64,t=1,x=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
      })
  void verify_malformedOrHostileStoredValue_neverMatches(String stored) {
    assertFalse(hasher.verify("anything at all".toCharArray(), stored));
    assertTrue(hasher.needsRehash(stored));
  }

  @Test
  void standard_usesOwaspArgon2idParameters() {
    PasswordHasher standard = PasswordHasher.standard();
    assertEquals(19_456, standard.memoryKib());
    assertEquals(2, standard.iterations());
    assertEquals(1, standard.parallelism());
    assertFalse(
        standard.needsRehash(
            "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
  }

  @Test
  void constructor_outOfRange_throws() {
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(4, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(64, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(64, 1, 9));
  }
}
