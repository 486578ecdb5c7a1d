package dev.tether.core.bundle;

import static dev.tether.core.bundle.BundleFixtures.NOW;
import static dev.tether.core.bundle.BundleFixtures.SCOPE;
import static dev.tether.core.bundle.BundleFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.bundle.BundleVerificationException.Reason;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Root trust and rotation: the root part of the attack suite. */
class RootVerifierTest {
  private final TestTrust trust = new TestTrust();
  private final List<Ed25519KeyPair> newRootKeys =
      List.of(Ed25519KeyPair.generate(), Ed25519KeyPair.generate());
  private final Ed25519KeyPair newSigningKey = Ed25519KeyPair.generate();

  private static Reason reasonOf(Executable call) {
    return assertThrows(BundleVerificationException.class, call).reason();
  }

  /** Version 2 with two new root keys (threshold 2) and a new signing key. */
  private RootMetadata rotatedV2() {
    return TestTrust.metadata(
        2,
        newRootKeys,
        2,
        List.of(TestTrust.delegate(newSigningKey, TestTrust.KEY_FROM, TestTrust.KEY_UNTIL)),
        List.of());
  }

  private List<Ed25519KeyPair> keys(Ed25519KeyPair... keys) {
    return List.of(keys);
  }

  @Test
  void trust_selfSignedByThreshold_pinsRoot() throws Exception {
    TrustedRoot root = RootVerifier.trust(List.of(trust.signedV1()), "acme", null);

    assertEquals(1, root.version());
    assertEquals(trust.rootV1().fingerprint(), root.fingerprint());
    assertThat(root.fingerprint()).matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void sign_sameMetadataAndKeys_sameEnvelope() {
    assertEquals(trust.signedV1(), trust.signedV1());
    assertArrayEquals(
        JsonCodec.write(trust.signedV1()),
        JsonCodec.write(RootSigner.sign(trust.rootV1(), null, trust.rootKeys.subList(0, 2))));
  }

  @Test
  void trust_belowThreshold_rejected() {
    SignedBundle oneSignature = RootSigner.sign(trust.rootV1(), null, trust.rootKeys.subList(0, 1));

    assertEquals(
        Reason.ROOT_THRESHOLD,
        reasonOf(() -> RootVerifier.trust(List.of(oneSignature), "acme", null)));
  }

  @Test
  void trust_sameKeySigningTwice_countsOnce() {
    SignedBundle once = RootSigner.sign(trust.rootV1(), null, trust.rootKeys.subList(0, 1));
    SignedBundle twice =
        new SignedBundle(
            once.payloadType(),
            once.payload(),
            List.of(once.signatures().get(0), once.signatures().get(0)));

    assertEquals(
        Reason.ROOT_THRESHOLD, reasonOf(() -> RootVerifier.trust(List.of(twice), "acme", null)));
  }

  @Test
  void trust_otherTenantsRoot_rejected() {
    assertEquals(
        Reason.ROOT_CHAIN,
        reasonOf(() -> RootVerifier.trust(List.of(trust.signedV1()), "other", null)));
  }

  @Test
  void attack_rootRotation_happyPath_newKeysTakeOver() throws Exception {
    TrustedRoot v1 = trust.trusted();
    List<Ed25519KeyPair> signers = new ArrayList<>(trust.rootKeys.subList(0, 2));
    signers.addAll(newRootKeys);
    SignedBundle v2 = RootSigner.sign(rotatedV2(), trust.rootV1(), signers);

    TrustedRoot rotated = RootVerifier.update(v1, List.of(v2));

    assertEquals(2, rotated.version());
    assertThat(rotated.fingerprint()).isNotEqualTo(v1.fingerprint());
    // Bundles signed by the new signing key verify under the new root, and the old key is gone.
    BundleVerifier verifier = BundleVerifier.create(SCOPE, Clock.fixed(NOW, ZoneOffset.UTC));
    byte[] bundle = BundleSigner.create(newSigningKey).sign(payload(SCOPE, 1));
    assertEquals(1, verifier.verifyUpdate(bundle, rotated, 0, null).version());
    byte[] oldKeyBundle = BundleSigner.create(trust.signingKey).sign(payload(SCOPE, 2));
    assertEquals(
        Reason.UNKNOWN_KEY, reasonOf(() -> verifier.verifyUpdate(oldKeyBundle, rotated, 1, null)));
    // A fresh device enrolling later walks the whole chain.
    assertEquals(2, RootVerifier.trust(List.of(trust.signedV1(), v2), "acme", null).version());
  }

  @Test
  void attack_rootRotation_onlyOneOfTwoRequiredOldSignatures_rejected() throws Exception {
    TrustedRoot v1 = trust.trusted();
    List<Ed25519KeyPair> signers = new ArrayList<>(trust.rootKeys.subList(0, 1));
    signers.addAll(newRootKeys);
    SignedBundle v2 = RootSigner.sign(rotatedV2(), trust.rootV1(), signers);

    BundleVerificationException e =
        assertThrows(BundleVerificationException.class, () -> RootVerifier.update(v1, List.of(v2)));
    assertEquals(Reason.ROOT_THRESHOLD, e.reason());
    assertThat(e.getMessage()).contains("1 valid signature(s) by the previous root's");
  }

  @Test
  void attack_rootRotation_onlyOneOfTwoRequiredNewSignatures_rejected() throws Exception {
    TrustedRoot v1 = trust.trusted();
    List<Ed25519KeyPair> signers = new ArrayList<>(trust.rootKeys.subList(0, 2));
    signers.add(newRootKeys.get(0));
    SignedBundle v2 = RootSigner.sign(rotatedV2(), trust.rootV1(), signers);

    BundleVerificationException e =
        assertThrows(BundleVerificationException.class, () -> RootVerifier.update(v1, List.of(v2)));
    assertEquals(Reason.ROOT_THRESHOLD, e.reason());
    assertThat(e.getMessage()).contains("by its own root keys");
  }

  @Test
  void attack_rootRotation_signedOnlyByAttackerRoot_rejected() throws Exception {
    // The attacker controls the new root keys but holds none of the old ones.
    SignedBundle v2 = RootSigner.sign(rotatedV2(), null, newRootKeys);

    assertEquals(
        Reason.ROOT_THRESHOLD, reasonOf(() -> RootVerifier.update(trust.trusted(), List.of(v2))));
  }

  @Test
  void attack_rootRollback_olderOrEqualVersion_rejected() throws Exception {
    TrustedRoot v2 = trust.trustedV2(trust.rootV1().signingKeys(), List.of());

    assertEquals(
        Reason.ROOT_ROLLBACK, reasonOf(() -> RootVerifier.update(v2, List.of(trust.signedV1()))));
    assertEquals(
        Reason.ROOT_ROLLBACK, reasonOf(() -> RootVerifier.update(v2, List.of(v2.envelope()))));
    assertEquals(
        Reason.ROOT_ROLLBACK, reasonOf(() -> RootVerifier.reload(trust.signedV1(), "acme", 2)));
  }

  @Test
  void update_versionGap_rejected() throws Exception {
    RootMetadata v3 = TestTrust.metadata(3, trust.rootKeys, 2, trust.rootV1().signingKeys(), null);
    SignedBundle signed = RootSigner.sign(v3, trust.rootV1(), trust.rootKeys);

    assertEquals(
        Reason.ROOT_CHAIN, reasonOf(() -> RootVerifier.update(trust.trusted(), List.of(signed))));
  }

  @Test
  void update_chainTooLong_rejectedBeforeAnyWork() throws Exception {
    List<SignedBundle> chain =
        Collections.nCopies(RootVerifier.MAX_CHAIN_LENGTH + 1, trust.signedV1());

    assertEquals(Reason.ROOT_CHAIN, reasonOf(() -> RootVerifier.update(trust.trusted(), chain)));
  }

  @Test
  void trust_pinnedFingerprint_startsAtMatchingRoot_orRejects() throws Exception {
    List<Ed25519KeyPair> signers = new ArrayList<>(trust.rootKeys);
    signers.addAll(newRootKeys);
    SignedBundle v2 = RootSigner.sign(rotatedV2(), trust.rootV1(), signers);
    List<SignedBundle> chain = List.of(trust.signedV1(), v2);

    assertEquals(2, RootVerifier.trust(chain, "acme", trust.rootV1().fingerprint()).version());
    assertEquals(2, RootVerifier.trust(chain, "acme", rotatedV2().fingerprint()).version());
    assertEquals(
        Reason.ROOT_PIN,
        reasonOf(() -> RootVerifier.trust(chain, "acme", "sha256:" + "0".repeat(64))));
  }

  @Test
  void trust_forgedChainAgainstPin_rejected() {
    // An attacker on the enrollment path serves a self-made root: the pin does not match.
    List<Ed25519KeyPair> attacker = List.of(Ed25519KeyPair.generate());
    RootMetadata forged =
        TestTrust.metadata(
            1,
            attacker,
            1,
            List.of(TestTrust.delegate(newSigningKey, TestTrust.KEY_FROM, TestTrust.KEY_UNTIL)),
            null);
    SignedBundle signed = RootSigner.sign(forged, null, attacker);

    assertEquals(
        Reason.ROOT_PIN,
        reasonOf(() -> RootVerifier.trust(List.of(signed), "acme", trust.rootV1().fingerprint())));
  }

  @Test
  void sign_strayKey_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RootSigner.sign(trust.rootV1(), null, List.of(Ed25519KeyPair.generate())));
  }

  @Test
  void metadata_thresholdAboveKeyCount_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> TestTrust.metadata(1, trust.rootKeys, 4, trust.rootV1().signingKeys(), null));
  }

  @Test
  void metadata_revokedKeyStillDelegated_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TestTrust.metadata(
                1,
                trust.rootKeys,
                2,
                trust.rootV1().signingKeys(),
                List.of(trust.signingKey.publicKey().keyId())));
  }
}
