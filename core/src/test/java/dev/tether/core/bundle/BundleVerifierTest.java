package dev.tether.core.bundle;

import static dev.tether.core.bundle.BundleFixtures.NOW;
import static dev.tether.core.bundle.BundleFixtures.SCOPE;
import static dev.tether.core.bundle.BundleFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundleVerifierTest {
  private final Ed25519KeyPair serverKey = Ed25519KeyPair.generate();
  private final BundleSigner signer = BundleSigner.create(serverKey);

  private BundleVerifier verifierAt(Instant now, PolicyScope scope, Ed25519KeyPair pinned) {
    return BundleVerifier.create(
        TrustRoot.of(pinned.publicKey()), scope, Clock.fixed(now, ZoneOffset.UTC));
  }

  private BundleVerifier verifier() {
    return verifierAt(NOW, SCOPE, serverKey);
  }

  @Test
  void verifyUpdate_validBundle_returnsPayload() throws Exception {
    byte[] envelope = signer.sign(payload(SCOPE, 3));

    VerifiedBundle verified = verifier().verifyUpdate(envelope, 2);

    assertEquals(3, verified.version());
    assertEquals("Engineering default", verified.policy().name());
    assertTrue(verified.envelopeDigest().startsWith("sha256:"));
  }

  @Test
  void sign_samePayload_sameBytes() {
    assertArrayEquals(signer.sign(payload(SCOPE, 1)), signer.sign(payload(SCOPE, 1)));
  }

  @Test
  void verify_tamperedPayload_throws() {
    byte[] envelope = signer.sign(payload(SCOPE, 3));
    SignedBundle parsed = JsonCodec.read(envelope, SignedBundle.class);
    String body = new String(Base64.getDecoder().decode(parsed.payload()), StandardCharsets.UTF_8);
    String tampered = body.replace("\"BLOCK\"", "\"ALLOW\"");
    assertThat(tampered).isNotEqualTo(body);
    byte[] forged =
        JsonCodec.write(
            new SignedBundle(
                parsed.payloadType(),
                Base64.getEncoder().encodeToString(tampered.getBytes(StandardCharsets.UTF_8)),
                parsed.signatures()));

    BundleVerificationException e =
        assertThrows(BundleVerificationException.class, () -> verifier().verifyUpdate(forged, 0));
    assertThat(e.getMessage()).contains("signature").contains("does not verify");
  }

  @Test
  void verify_wrongKey_throws() {
    Ed25519KeyPair attacker = Ed25519KeyPair.generate();
    byte[] envelope = BundleSigner.create(attacker).sign(payload(SCOPE, 9));

    BundleVerificationException e =
        assertThrows(BundleVerificationException.class, () -> verifier().verifyUpdate(envelope, 0));
    assertThat(e.getMessage()).contains("is not pinned").contains(attacker.publicKey().keyId());
  }

  @Test
  void verify_signatureRelabelledWithPinnedKeyId_throws() {
    Ed25519KeyPair attacker = Ed25519KeyPair.generate();
    SignedBundle forged =
        JsonCodec.read(BundleSigner.create(attacker).sign(payload(SCOPE, 9)), SignedBundle.class);
    byte[] relabelled =
        JsonCodec.write(
            new SignedBundle(
                forged.payloadType(),
                forged.payload(),
                List.of(
                    new SignedBundle.Signature(
                        serverKey.publicKey().keyId(), forged.signatures().get(0).sig()))));

    assertThrows(BundleVerificationException.class, () -> verifier().verifyUpdate(relabelled, 0));
  }

  @Test
  void verify_otherTenantsBundle_throws() {
    byte[] envelope = signer.sign(payload(new PolicyScope("other-corp", "engineering"), 5));

    BundleVerificationException e =
        assertThrows(BundleVerificationException.class, () -> verifier().verifyUpdate(envelope, 0));
    assertThat(e.getMessage()).contains("scope mismatch").contains("other-corp");
  }

  @Test
  void verify_otherGroupsBundle_throws() {
    byte[] envelope = signer.sign(payload(new PolicyScope("acme", "contractors"), 5));

    assertThrows(BundleVerificationException.class, () -> verifier().verifyUpdate(envelope, 0));
  }

  @Test
  void verifyUpdate_replayedOlderVersion_throws() {
    byte[] old = signer.sign(payload(SCOPE, 4));

    BundleVerificationException e =
        assertThrows(BundleVerificationException.class, () -> verifier().verifyUpdate(old, 5));
    assertThat(e.getMessage()).contains("version 4 is not newer than the accepted version 5");
  }

  @Test
  void verifyUpdate_sameVersionAgain_throws() {
    byte[] same = signer.sign(payload(SCOPE, 5));

    assertThrows(BundleVerificationException.class, () -> verifier().verifyUpdate(same, 5));
  }

  @Test
  void verifyCached_matchingVersion_accepts_otherVersion_throws() throws Exception {
    byte[] cached = signer.sign(payload(SCOPE, 5));

    assertEquals(5, verifier().verifyCached(cached, 5).version());
    assertThrows(BundleVerificationException.class, () -> verifier().verifyCached(cached, 6));
  }

  @Test
  void verify_expiredBundle_throws() {
    byte[] envelope = signer.sign(payload(SCOPE, 2));
    BundleVerifier later = verifierAt(NOW.plus(Duration.ofDays(8)), SCOPE, serverKey);

    BundleVerificationException e =
        assertThrows(BundleVerificationException.class, () -> later.verifyUpdate(envelope, 0));
    assertThat(e.getMessage()).contains("expired");
  }

  @Test
  void verify_issuedInTheFuture_throws() {
    byte[] envelope = signer.sign(payload(SCOPE, 2));
    BundleVerifier earlier = verifierAt(NOW.minus(Duration.ofHours(1)), SCOPE, serverKey);

    assertThrows(BundleVerificationException.class, () -> earlier.verifyUpdate(envelope, 0));
  }

  @Test
  void verify_oversizedEnvelope_throws() {
    byte[] huge = new byte[SignedBundle.MAX_ENVELOPE_BYTES + 1];

    BundleVerificationException e =
        assertThrows(BundleVerificationException.class, () -> verifier().verifyUpdate(huge, 0));
    assertThat(e.getMessage()).contains("exceeds the limit");
  }

  @Test
  void verify_garbage_throwsWithoutLeakingParserInternals() {
    byte[] garbage = "{\"payloadType\": 1, ".getBytes(StandardCharsets.UTF_8);

    BundleVerificationException e =
        assertThrows(BundleVerificationException.class, () -> verifier().verifyUpdate(garbage, 0));
    assertThat(e.getMessage()).startsWith("bundle envelope malformed");
  }

  @Test
  void verify_noSignatures_throws() {
    SignedBundle parsed = JsonCodec.read(signer.sign(payload(SCOPE, 1)), SignedBundle.class);
    byte[] unsigned =
        JsonCodec.write(new SignedBundle(parsed.payloadType(), parsed.payload(), List.of()));

    BundleVerificationException e =
        assertThrows(BundleVerificationException.class, () -> verifier().verifyUpdate(unsigned, 0));
    assertThat(e.getMessage()).contains("no signatures");
  }
}
