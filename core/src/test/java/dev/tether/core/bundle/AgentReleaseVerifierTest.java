package dev.tether.core.bundle;

import static dev.tether.core.bundle.BundleFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The agent self-update attack suite at the verifier level: one named test per refusal. */
class AgentReleaseVerifierTest {
  private static final String PLATFORM = "linux-amd64-deb";
  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final ReleaseVersion INSTALLED = ReleaseVersion.parse("installed", "1.4.2");

  private final TestTrust trust = new TestTrust();

  private static AgentRelease release(String version, long counter) {
    return release(
        TestTrust.TENANT, PLATFORM, version, counter, 1000, NOW.plus(Duration.ofDays(7)));
  }

  private static AgentRelease release(
      String tenant, String platform, String version, long counter, long size, Instant expires) {
    return new AgentRelease(
        AgentRelease.FORMAT,
        tenant,
        platform,
        version,
        counter,
        "tether-agent_" + version + "_amd64.deb",
        size,
        DIGEST,
        "1.0.0",
        NOW.minus(Duration.ofHours(1)),
        expires);
  }

  private byte[] signed(AgentRelease release) {
    return JsonCodec.write(release.sign(trust.signingKey));
  }

  private static AgentReleaseVerifier verifier() {
    return AgentReleaseVerifier.create(PLATFORM, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private VerifiedRelease update(byte[] envelope, long counterFloor) throws Exception {
    return verifier().verifyUpdate(envelope, trust.trusted(), INSTALLED, counterFloor, null);
  }

  private static Reason reasonOf(Executable call) {
    return assertThrows(BundleVerificationException.class, call).reason();
  }

  @Test
  void verifyUpdate_newerRelease_returnsVerifiedRecord() throws Exception {
    VerifiedRelease verified = update(signed(release("1.5.0", 7)), 6);

    assertEquals("1.5.0", verified.version().toString());
    assertEquals(7, verified.release().counter());
    assertEquals(trust.signingKey.publicKey().keyId(), verified.signingKeyId());
  }

  @Test
  void verify_tamperedPayload_throwsSignature() throws Exception {
    SignedBundle envelope = release("1.5.0", 7).sign(trust.signingKey);
    String body =
        new String(Base64.getDecoder().decode(envelope.payload()), StandardCharsets.UTF_8);
    String forged = body.replace(DIGEST, "sha256:" + "cd".repeat(32));
    assertTrue(!forged.equals(body));
    byte[] tampered =
        JsonCodec.write(
            new SignedBundle(
                envelope.payloadType(),
                Base64.getEncoder().encodeToString(forged.getBytes(StandardCharsets.UTF_8)),
                envelope.signatures()));

    assertEquals(Reason.SIGNATURE, reasonOf(() -> update(tampered, 0)));
  }

  @Test
  void verify_signedByUndelegatedKey_throwsUnknownKey() {
    byte[] envelope = JsonCodec.write(release("1.5.0", 7).sign(Ed25519KeyPair.generate()));

    assertEquals(Reason.UNKNOWN_KEY, reasonOf(() -> update(envelope, 0)));
  }

  @Test
  void verify_policyBundlePayloadTypeRelabelled_throwsMalformed() {
    SignedBundle envelope = release("1.5.0", 7).sign(trust.signingKey);
    byte[] relabelled =
        JsonCodec.write(
            new SignedBundle(SignedBundle.PAYLOAD_TYPE, envelope.payload(), envelope.signatures()));

    assertEquals(Reason.MALFORMED, reasonOf(() -> update(relabelled, 0)));
  }

  @Test
  void verify_expiredRecord_throwsExpired() {
    byte[] envelope =
        signed(release(TestTrust.TENANT, PLATFORM, "1.5.0", 7, 1000, NOW.minusSeconds(1)));

    assertEquals(Reason.EXPIRED, reasonOf(() -> update(envelope, 0)));
  }

  @Test
  void verify_clockSetBackBelowFloor_stillExpired() {
    byte[] envelope =
        signed(release(TestTrust.TENANT, PLATFORM, "1.5.0", 7, 1000, NOW.plusSeconds(60)));
    AgentReleaseVerifier backdated =
        AgentReleaseVerifier.create(PLATFORM, Clock.fixed(NOW, ZoneOffset.UTC));

    assertEquals(
        Reason.EXPIRED,
        reasonOf(
            () -> backdated.verify(envelope, trust.trusted(), 0, NOW.plus(Duration.ofMinutes(2)))));
  }

  @Test
  void verifyUpdate_olderVersion_throwsRollback() {
    byte[] envelope = signed(release("1.4.1", 7));

    assertEquals(Reason.ROLLBACK, reasonOf(() -> update(envelope, 0)));
  }

  @Test
  void verifyUpdate_sameVersionReplayed_throwsRollback() {
    byte[] envelope = signed(release("1.4.2", 7));

    assertEquals(Reason.ROLLBACK, reasonOf(() -> update(envelope, 0)));
  }

  @Test
  void verify_counterBelowAcceptedFloor_throwsRollback() {
    byte[] envelope = signed(release("1.5.0", 6));

    assertEquals(Reason.ROLLBACK, reasonOf(() -> update(envelope, 7)));
  }

  @Test
  void verify_sameCounterAsFloor_accepted() throws Exception {
    assertEquals(7, update(signed(release("1.5.0", 7)), 7).release().counter());
  }

  @Test
  void verify_otherPlatform_throwsScope() {
    byte[] envelope =
        signed(release(TestTrust.TENANT, "windows-x64-msi", "1.5.0", 7, 10, NOW.plusSeconds(600)));

    assertEquals(Reason.SCOPE, reasonOf(() -> update(envelope, 0)));
  }

  @Test
  void verify_otherTenant_throwsScope() {
    byte[] envelope = signed(release("globex", PLATFORM, "1.5.0", 7, 10, NOW.plusSeconds(600)));

    assertEquals(Reason.SCOPE, reasonOf(() -> update(envelope, 0)));
  }

  @Test
  void verifyUpdate_installedBelowMinimumVersion_throwsScope() throws Exception {
    VerifiedRelease verified =
        verifier().verify(signed(release("1.5.0", 7)), trust.trusted(), 0, null);

    assertEquals(
        Reason.SCOPE,
        reasonOf(() -> verified.requireUpgradeFrom(ReleaseVersion.parse("v", "0.9.9"))));
  }

  @Test
  void verify_oversizeArtifact_throwsTooLarge() {
    byte[] envelope =
        signed(
            release(
                TestTrust.TENANT,
                PLATFORM,
                "1.5.0",
                7,
                AgentRelease.MAX_ARTIFACT_BYTES + 1,
                NOW.plusSeconds(600)));

    assertEquals(Reason.TOO_LARGE, reasonOf(() -> update(envelope, 0)));
  }

  @Test
  void verify_oversizeEnvelope_throwsTooLarge() {
    byte[] huge = new byte[AgentRelease.MAX_ENVELOPE_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');

    assertEquals(Reason.TOO_LARGE, reasonOf(() -> update(huge, 0)));
  }

  @Test
  void verify_revokedSigningKey_throwsRevokedKey() throws Exception {
    byte[] envelope = signed(release("1.5.0", 7));
    TrustedRoot revoked =
        trust.trustedV2(
            List.of(
                TestTrust.delegate(
                    Ed25519KeyPair.generate(), TestTrust.KEY_FROM, TestTrust.KEY_UNTIL)),
            List.of(trust.signingKey.publicKey().keyId()));

    assertEquals(Reason.REVOKED_KEY, reasonOf(() -> verifier().verify(envelope, revoked, 0, null)));
  }

  @Test
  void requireArtifact_digestMismatch_throwsDigest() throws Exception {
    VerifiedRelease verified = update(signed(release("1.5.0", 7)), 0);

    assertEquals(
        Reason.DIGEST,
        reasonOf(() -> verified.requireArtifact(1000, Digests.sha256(new byte[1000]))));
    assertEquals(Reason.DIGEST, reasonOf(() -> verified.requireArtifact(999, DIGEST)));
    verified.requireArtifact(1000, DIGEST);
  }
}
