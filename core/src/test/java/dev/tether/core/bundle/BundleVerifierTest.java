package dev.tether.core.bundle;

import static dev.tether.core.bundle.BundleFixtures.NOW;
import static dev.tether.core.bundle.BundleFixtures.SCOPE;
import static dev.tether.core.bundle.BundleFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.bundle.BundleVerificationException.Reason;
import dev.tether.core.crypto.Digests;
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
import org.junit.jupiter.api.function.Executable;

/** The bundle attack suite at the verifier level: one named test per attack. */
class BundleVerifierTest {
  private static final PolicyScope DEVICE_SCOPE =
      new PolicyScope(SCOPE.tenant(), SCOPE.group(), "device-1");

  private final TestTrust trust = new TestTrust();
  private final BundleSigner signer = BundleSigner.create(trust.signingKey);

  private static BundleVerifier verifierAt(Instant now, PolicyScope scope) {
    return BundleVerifier.create(scope, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static BundleVerifier verifier() {
    return verifierAt(NOW, DEVICE_SCOPE);
  }

  private static Reason reasonOf(Executable call) {
    return assertThrows(BundleVerificationException.class, call).reason();
  }

  @Test
  void verifyUpdate_validBundle_returnsPayload() throws Exception {
    byte[] envelope = signer.sign(payload(SCOPE, 3));

    VerifiedBundle verified = verifier().verifyUpdate(envelope, trust.trusted(), 2, null);

    assertEquals(3, verified.version());
    assertEquals("Engineering default", verified.policy().name());
    assertEquals(Digests.sha256(envelope), verified.envelopeDigest());
    assertEquals(trust.signingKey.publicKey().keyId(), verified.signingKeyId());
    assertEquals(
        Digests.sha256(JsonCodec.write(verified.policy().validated())), verified.contentDigest());
    assertEquals(1, verified.rootVersion());
  }

  @Test
  void sign_samePayload_sameBytes() {
    assertArrayEquals(signer.sign(payload(SCOPE, 1)), signer.sign(payload(SCOPE, 1)));
  }

  @Test
  void attack_arbitraryBundle_tamperedPayload_rejectedAsSignature() throws Exception {
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
    TrustedRoot root = trust.trusted();

    BundleVerificationException e =
        assertThrows(
            BundleVerificationException.class,
            () -> verifier().verifyUpdate(forged, root, 0, null));
    assertEquals(Reason.SIGNATURE, e.reason());
    assertThat(e.getMessage()).startsWith("signature: ").contains("does not verify");
  }

  @Test
  void attack_arbitraryBundle_attackerKeyRelabelledAsDelegatedKey_rejectedAsSignature()
      throws Exception {
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
                        trust.signingKey.publicKey().keyId(), forged.signatures().get(0).sig()))));
    TrustedRoot root = trust.trusted();

    assertEquals(
        Reason.SIGNATURE, reasonOf(() -> verifier().verifyUpdate(relabelled, root, 0, null)));
  }

  @Test
  void attack_arbitraryBundle_undelegatedKey_rejectedAsUnknownKey() throws Exception {
    Ed25519KeyPair attacker = Ed25519KeyPair.generate();
    byte[] envelope = BundleSigner.create(attacker).sign(payload(SCOPE, 9));
    TrustedRoot root = trust.trusted();

    BundleVerificationException e =
        assertThrows(
            BundleVerificationException.class,
            () -> verifier().verifyUpdate(envelope, root, 0, null));
    assertEquals(Reason.UNKNOWN_KEY, e.reason());
    assertThat(e.getMessage()).contains(attacker.publicKey().keyId());
  }

  @Test
  void attack_arbitraryBundle_rootKeyIsNotASigningKey_rejected() throws Exception {
    byte[] envelope = BundleSigner.create(trust.rootKeys.get(0)).sign(payload(SCOPE, 9));
    TrustedRoot root = trust.trusted();

    assertEquals(
        Reason.UNKNOWN_KEY, reasonOf(() -> verifier().verifyUpdate(envelope, root, 0, null)));
  }

  @Test
  void attack_revokedSigningKey_rejected() throws Exception {
    Ed25519KeyPair replacement = Ed25519KeyPair.generate();
    byte[] envelope = signer.sign(payload(SCOPE, 4));
    TrustedRoot v2 =
        trust.trustedV2(
            List.of(TestTrust.delegate(replacement, TestTrust.KEY_FROM, TestTrust.KEY_UNTIL)),
            List.of(trust.signingKey.publicKey().keyId()));

    assertEquals(
        Reason.REVOKED_KEY, reasonOf(() -> verifier().verifyUpdate(envelope, v2, 0, null)));
    // The cached copy signed by the revoked key is refused as well.
    assertEquals(
        Reason.REVOKED_KEY, reasonOf(() -> verifier().verifyCached(envelope, v2, 4, null)));
    // The same content re-signed by the new delegated key is accepted.
    assertEquals(
        5,
        verifier()
            .verifyUpdate(BundleSigner.create(replacement).sign(payload(SCOPE, 5)), v2, 4, null)
            .version());
  }

  @Test
  void attack_expiredSigningKey_rejected() throws Exception {
    Instant keyEnd = NOW.plus(Duration.ofHours(1));
    TrustedRoot v2 =
        trust.trustedV2(
            List.of(TestTrust.delegate(trust.signingKey, TestTrust.KEY_FROM, keyEnd)), List.of());
    byte[] envelope = signer.sign(payload(SCOPE, 4));

    assertEquals(4, verifierAt(NOW, DEVICE_SCOPE).verifyUpdate(envelope, v2, 0, null).version());
    BundleVerificationException e =
        assertThrows(
            BundleVerificationException.class,
            () -> verifierAt(keyEnd, DEVICE_SCOPE).verifyUpdate(envelope, v2, 0, null));
    assertEquals(Reason.EXPIRED_KEY, e.reason());
    assertThat(e.getMessage()).contains(trust.signingKey.publicKey().keyId());
  }

  @Test
  void attack_signingKeyUsedBeforeItsValidity_rejectedAsExpiredKey() throws Exception {
    TrustedRoot v2 =
        trust.trustedV2(
            List.of(
                TestTrust.delegate(
                    trust.signingKey, NOW.plus(Duration.ofDays(1)), TestTrust.KEY_UNTIL)),
            List.of());
    byte[] envelope = signer.sign(payload(SCOPE, 4));

    assertEquals(
        Reason.EXPIRED_KEY, reasonOf(() -> verifier().verifyUpdate(envelope, v2, 0, null)));
  }

  @Test
  void attack_mixAndMatch_otherTenant_rejectedAsScope() throws Exception {
    byte[] envelope = signer.sign(payload(new PolicyScope("other-corp", "engineering"), 5));
    TrustedRoot root = trust.trusted();

    BundleVerificationException e =
        assertThrows(
            BundleVerificationException.class,
            () -> verifier().verifyUpdate(envelope, root, 0, null));
    assertEquals(Reason.SCOPE, e.reason());
    assertThat(e.getMessage()).contains("other-corp");
  }

  @Test
  void attack_mixAndMatch_otherGroup_rejectedAsScope() throws Exception {
    byte[] envelope = signer.sign(payload(new PolicyScope("acme", "contractors"), 5));
    TrustedRoot root = trust.trusted();

    assertEquals(Reason.SCOPE, reasonOf(() -> verifier().verifyUpdate(envelope, root, 0, null)));
  }

  @Test
  void attack_mixAndMatch_otherDevice_rejectedAsScope_ownDeviceAccepted() throws Exception {
    byte[] other = signer.sign(payload(new PolicyScope("acme", "engineering", "device-2"), 5));
    byte[] own = signer.sign(payload(DEVICE_SCOPE, 5));
    TrustedRoot root = trust.trusted();

    assertEquals(Reason.SCOPE, reasonOf(() -> verifier().verifyUpdate(other, root, 0, null)));
    assertEquals("device-1", verifier().verifyUpdate(own, root, 0, null).payload().device());
  }

  @Test
  void attack_mixAndMatch_rootOfAnotherTenant_rejectedAsScope() throws Exception {
    // A verifier for tenant "other" handed acme's (valid) root and bundle.
    byte[] envelope = signer.sign(payload(SCOPE, 5));
    TrustedRoot root = trust.trusted();
    BundleVerifier other = verifierAt(NOW, new PolicyScope("other", "engineering"));

    assertEquals(Reason.SCOPE, reasonOf(() -> other.verifyUpdate(envelope, root, 0, null)));
  }

  @Test
  void attack_rollback_olderVersion_rejected() throws Exception {
    byte[] old = signer.sign(payload(SCOPE, 4));
    TrustedRoot root = trust.trusted();

    BundleVerificationException e =
        assertThrows(
            BundleVerificationException.class, () -> verifier().verifyUpdate(old, root, 5, null));
    assertEquals(Reason.ROLLBACK, e.reason());
    assertThat(e.getMessage()).contains("version 4 is not newer than the accepted version 5");
  }

  @Test
  void attack_rollback_equalVersion_rejected() throws Exception {
    byte[] same = signer.sign(payload(SCOPE, 5));
    TrustedRoot root = trust.trusted();

    assertEquals(Reason.ROLLBACK, reasonOf(() -> verifier().verifyUpdate(same, root, 5, null)));
  }

  @Test
  void verifyCached_matchingVersion_accepts_otherVersion_throws() throws Exception {
    byte[] cached = signer.sign(payload(SCOPE, 5));
    TrustedRoot root = trust.trusted();

    assertEquals(5, verifier().verifyCached(cached, root, 5, null).version());
    assertEquals(Reason.ROLLBACK, reasonOf(() -> verifier().verifyCached(cached, root, 6, null)));
  }

  @Test
  void attack_freeze_expiredBundleReplayed_rejected() throws Exception {
    byte[] envelope = signer.sign(payload(SCOPE, 2));
    TrustedRoot root = trust.trusted();
    BundleVerifier later = verifierAt(NOW.plus(Duration.ofDays(8)), DEVICE_SCOPE);

    BundleVerificationException e =
        assertThrows(
            BundleVerificationException.class, () -> later.verifyUpdate(envelope, root, 0, null));
    assertEquals(Reason.EXPIRED, e.reason());
    assertThat(e.getMessage()).contains("expired at");
  }

  @Test
  void attack_freeze_clockMovedBack_floorStillRejectsExpiredBundle() throws Exception {
    byte[] envelope = signer.sign(payload(SCOPE, 2));
    TrustedRoot root = trust.trusted();
    Instant floor = NOW.plus(Duration.ofDays(8)); // a verified server time seen earlier

    assertEquals(2, verifier().verifyCached(envelope, root, 2, null).version());
    assertEquals(Reason.EXPIRED, reasonOf(() -> verifier().verifyCached(envelope, root, 2, floor)));
  }

  @Test
  void clockMovedForward_bundleTreatedAsExpired_failsClosed() throws Exception {
    byte[] envelope = signer.sign(payload(SCOPE, 2));
    TrustedRoot root = trust.trusted();
    BundleVerifier ahead = verifierAt(NOW.plus(Duration.ofDays(365)), DEVICE_SCOPE);

    assertThrows(
        BundleVerificationException.class, () -> ahead.verifyUpdate(envelope, root, 0, null));
  }

  @Test
  void effectiveNow_isTheLaterOfClockAndFloor() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    assertEquals(NOW, BundleVerifier.effectiveNow(clock, null));
    assertEquals(NOW, BundleVerifier.effectiveNow(clock, NOW.minusSeconds(5)));
    assertEquals(NOW.plusSeconds(5), BundleVerifier.effectiveNow(clock, NOW.plusSeconds(5)));
  }

  @Test
  void verify_issuedInTheFuture_rejectedAsNotYetValid() throws Exception {
    byte[] envelope = signer.sign(payload(SCOPE, 2));
    TrustedRoot root = trust.trusted();
    BundleVerifier earlier = verifierAt(NOW.minus(Duration.ofHours(1)), DEVICE_SCOPE);

    assertEquals(
        Reason.NOT_YET_VALID, reasonOf(() -> earlier.verifyUpdate(envelope, root, 0, null)));
  }

  @Test
  void attack_endlessData_oversizedEnvelope_rejectedAsTooLarge() throws Exception {
    byte[] huge = new byte[SignedBundle.MAX_ENVELOPE_BYTES + 1];
    TrustedRoot root = trust.trusted();

    BundleVerificationException e =
        assertThrows(
            BundleVerificationException.class, () -> verifier().verifyUpdate(huge, root, 0, null));
    assertEquals(Reason.TOO_LARGE, e.reason());
    assertThat(e.getMessage()).contains("exceeds the limit");
  }

  @Test
  void attack_contentDigestMismatch_signedByDelegatedKey_rejectedAsDigest() throws Exception {
    // A compromised or buggy signer: the signature is valid but the digest does not match.
    BundlePayload honest = payload(SCOPE, 3);
    BundlePayload lying =
        new BundlePayload(
            BundlePayload.FORMAT,
            honest.tenant(),
            honest.group(),
            null,
            honest.version(),
            honest.issuedAt(),
            honest.expiresAt(),
            Digests.sha256(new byte[] {1}),
            honest.contentSize(),
            honest.policy());
    byte[] envelope =
        JsonCodec.write(
            Envelopes.seal(
                SignedBundle.PAYLOAD_TYPE, JsonCodec.write(lying), List.of(trust.signingKey)));
    TrustedRoot root = trust.trusted();

    assertEquals(Reason.DIGEST, reasonOf(() -> verifier().verifyUpdate(envelope, root, 0, null)));
    assertThrows(IllegalArgumentException.class, () -> signer.sign(lying));
  }

  @Test
  void verify_rootEnvelopePassedAsBundle_rejectedAsMalformed() throws Exception {
    byte[] rootBytes = JsonCodec.write(trust.signedV1());
    TrustedRoot root = trust.trusted();

    assertEquals(
        Reason.MALFORMED, reasonOf(() -> verifier().verifyUpdate(rootBytes, root, 0, null)));
  }

  @Test
  void verify_garbage_throwsWithoutLeakingParserInternals() throws Exception {
    byte[] garbage = "{\"payloadType\": 1, ".getBytes(StandardCharsets.UTF_8);
    TrustedRoot root = trust.trusted();

    BundleVerificationException e =
        assertThrows(
            BundleVerificationException.class,
            () -> verifier().verifyUpdate(garbage, root, 0, null));
    assertEquals(Reason.MALFORMED, e.reason());
    assertThat(e.getMessage()).startsWith("malformed: bundle envelope malformed");
  }

  @Test
  void verify_noSignatures_throws() throws Exception {
    SignedBundle parsed = JsonCodec.read(signer.sign(payload(SCOPE, 1)), SignedBundle.class);
    byte[] unsigned =
        JsonCodec.write(new SignedBundle(parsed.payloadType(), parsed.payload(), List.of()));
    TrustedRoot root = trust.trusted();

    BundleVerificationException e =
        assertThrows(
            BundleVerificationException.class,
            () -> verifier().verifyUpdate(unsigned, root, 0, null));
    assertEquals(Reason.SIGNATURE, e.reason());
    assertThat(e.getMessage()).contains("no signatures");
  }

  @Test
  void verify_oneGoodAmongBadSignatures_accepted() throws Exception {
    SignedBundle good = JsonCodec.read(signer.sign(payload(SCOPE, 1)), SignedBundle.class);
    SignedBundle.Signature junk =
        new SignedBundle.Signature(
            Ed25519KeyPair.generate().publicKey().keyId(),
            Base64.getEncoder().encodeToString(new byte[64]));
    byte[] mixed =
        JsonCodec.write(
            new SignedBundle(
                good.payloadType(), good.payload(), List.of(junk, good.signatures().get(0))));

    assertEquals(1, verifier().verifyUpdate(mixed, trust.trusted(), 0, null).version());
  }
}
