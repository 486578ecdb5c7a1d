package dev.tether.core.bundle;

import static dev.tether.core.bundle.BundleFixtures.NOW;
import static dev.tether.core.bundle.BundleFixtures.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.policy.AiDestination;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.PolicyValidationException;
import dev.tether.core.policy.ProtectedCode;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.TradeSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The policy limits and the bundle limits agree: the largest valid policy can be signed. */
class BundleSizeTest {

  private static PolicyDocument withFingerprints(int count) {
    Random random = new Random(7);
    List<String> fingerprints = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      fingerprints.add(HexFormat.of().toHexDigits(random.nextLong()));
    }
    TradeSecrets secrets =
        new TradeSecrets(
            null,
            null,
            null,
            null,
            null,
            List.of(new ProtectedCode("monorepo", "", fingerprints, null, null)),
            null);
    PolicyDocument base = BundleFixtures.policy();
    return new PolicyDocument(
        base.name(),
        base.aiDestinations(),
        base.blockedHosts(),
        base.detectorModes(),
        base.defaultMode(),
        base.bundleLifetime(),
        secrets);
  }

  @Test
  void sign_policyAtFingerprintLimit_fitsEnvelopeAndVerifies() throws Exception {
    PolicyDocument largest = withFingerprints(TradeSecrets.MAX_FINGERPRINTS_TOTAL).validated();
    TestTrust trust = new TestTrust();
    BundlePayload payload =
        BundlePayload.create(
            SCOPE, 1, NOW.minus(Duration.ofMinutes(1)), NOW.plus(Duration.ofDays(1)), largest);

    byte[] envelope = BundleSigner.create(trust.signingKey).sign(payload);

    assertThat(envelope.length).isLessThanOrEqualTo(SignedBundle.MAX_ENVELOPE_BYTES);
    VerifiedBundle verified =
        BundleVerifier.create(SCOPE, Clock.fixed(NOW, ZoneOffset.UTC))
            .verifyUpdate(envelope, trust.trusted(), 0, null);
    assertEquals(
        TradeSecrets.MAX_FINGERPRINTS_TOTAL,
        verified.policy().tradeSecrets().protectedCode().get(0).fingerprints().size());
  }

  @Test
  void validated_policyTooLargeForABundle_namesTheLimit() {
    PolicyDocument base = BundleFixtures.policy();
    String longLabels = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + ".";
    List<String> hosts = new ArrayList<>();
    List<AiDestination> destinations = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      hosts.add(longLabels + "blocked" + i + ".com");
      destinations.add(new AiDestination(longLabels + "ai" + i + ".com", Provider.GENERIC));
    }
    PolicyDocument huge =
        new PolicyDocument(
            base.name(),
            destinations,
            hosts,
            base.detectorModes(),
            base.defaultMode(),
            base.bundleLifetime());

    PolicyValidationException e = assertThrows(PolicyValidationException.class, huge::validated);
    assertThat(e.getMessage()).startsWith("policy: encoded size").contains("exceeds the limit");
  }
}
