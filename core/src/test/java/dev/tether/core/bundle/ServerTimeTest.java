package dev.tether.core.bundle;

import static dev.tether.core.bundle.BundleFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.bundle.BundleVerificationException.Reason;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ServerTimeTest {
  private final TestTrust trust = new TestTrust();

  @Test
  void verify_signedByDelegatedKey_returnsTime() throws Exception {
    SignedBundle signed = ServerTime.sign(trust.signingKey, "acme", NOW);

    assertEquals(NOW, ServerTime.verify(signed, trust.trusted()));
  }

  @Test
  void verify_tamperedTime_rejectedAsSignature() throws Exception {
    SignedBundle signed = ServerTime.sign(trust.signingKey, "acme", NOW);
    String body =
        new String(Base64.getDecoder().decode(signed.payload()), StandardCharsets.UTF_8)
            .replace("12:00:00", "12:30:00");
    SignedBundle forged =
        new SignedBundle(
            signed.payloadType(),
            Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)),
            signed.signatures());

    assertEquals(
        Reason.SIGNATURE,
        assertThrows(
                BundleVerificationException.class, () -> ServerTime.verify(forged, trust.trusted()))
            .reason());
  }

  @Test
  void verify_farFutureTimeBeyondKeyValidity_rejected() throws Exception {
    // A stolen signing key cannot push the device's clock floor beyond the key's own validity.
    SignedBundle signed =
        ServerTime.sign(trust.signingKey, "acme", TestTrust.KEY_UNTIL.plus(Duration.ofDays(1)));

    assertEquals(
        Reason.EXPIRED_KEY,
        assertThrows(
                BundleVerificationException.class, () -> ServerTime.verify(signed, trust.trusted()))
            .reason());
  }

  @Test
  void verify_undelegatedKeyOrOtherTenant_rejected() throws Exception {
    TrustedRoot root = trust.trusted();
    SignedBundle attacker = ServerTime.sign(Ed25519KeyPair.generate(), "acme", NOW);
    SignedBundle otherTenant = ServerTime.sign(trust.signingKey, "other", NOW);

    assertEquals(
        Reason.UNKNOWN_KEY,
        assertThrows(BundleVerificationException.class, () -> ServerTime.verify(attacker, root))
            .reason());
    assertEquals(
        Reason.SCOPE,
        assertThrows(BundleVerificationException.class, () -> ServerTime.verify(otherTenant, root))
            .reason());
  }

  @Test
  void verify_bundleEnvelopeAsTime_rejectedAsMalformed() throws Exception {
    SignedBundle bundle =
        JsonCodec.read(
            BundleSigner.create(trust.signingKey)
                .sign(BundleFixtures.payload(BundleFixtures.SCOPE, 1)),
            SignedBundle.class);

    assertEquals(
        Reason.MALFORMED,
        assertThrows(
                BundleVerificationException.class, () -> ServerTime.verify(bundle, trust.trusted()))
            .reason());
  }
}
