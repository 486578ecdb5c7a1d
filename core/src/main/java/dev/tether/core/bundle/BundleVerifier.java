package dev.tether.core.bundle;

import dev.tether.core.bundle.BundleVerificationException.Reason;
import dev.tether.core.crypto.Digests;
import dev.tether.core.json.JsonCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies bundle envelopes for one device scope against the device's {@link TrustedRoot}.
 *
 * <p>Checks, in order, each failing with {@link BundleVerificationException} and its {@link
 * Reason}: size (TOO_LARGE), envelope syntax and payload type (MALFORMED), a signature by a key the
 * root delegates, not revoked, valid now and when issued (UNKNOWN_KEY, REVOKED_KEY, EXPIRED_KEY,
 * SIGNATURE), payload syntax and policy validity (MALFORMED), content digest and size (DIGEST),
 * tenant, group and device scope (SCOPE), version (ROLLBACK), freshness (NOT_YET_VALID, EXPIRED).
 *
 * <p>Time: "now" is the later of the device clock and {@code clockFloor}, the latest server time
 * the device has verified (signed server time, issuedAt of accepted bundles). A clock set back
 * therefore cannot revive an expired bundle or key; a clock set forward makes bundles expire early,
 * which fails closed.
 */
public final class BundleVerifier {
  /** Tolerated difference between the server's and the device's clocks. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private final PolicyScope scope;
  private final Clock clock;

  private BundleVerifier(PolicyScope scope, Clock clock) {
    this.scope = scope;
    this.clock = clock;
  }

  /**
   * @param scope the device's own scope: tenant, group and its device id (a bundle for the group is
   *     accepted; one for another device is not)
   */
  public static BundleVerifier create(PolicyScope scope, Clock clock) {
    return new BundleVerifier(
        Objects.requireNonNull(scope, "scope"), Objects.requireNonNull(clock, "clock"));
  }

  /** The later of the clock and the floor ({@code null} floor: the clock). */
  public static Instant effectiveNow(Clock clock, Instant clockFloor) {
    Instant now = clock.instant();
    return clockFloor != null && clockFloor.isAfter(now) ? clockFloor : now;
  }

  /**
   * Verifies a newly downloaded bundle: its version must be strictly greater than {@code
   * lastAcceptedVersion} (0 when none was ever accepted).
   */
  public VerifiedBundle verifyUpdate(
      byte[] envelope, TrustedRoot root, long lastAcceptedVersion, Instant clockFloor)
      throws BundleVerificationException {
    VerifiedBundle bundle = verifyContent(envelope, root, clockFloor);
    if (bundle.version() <= lastAcceptedVersion) {
      throw new BundleVerificationException(
          Reason.ROLLBACK,
          "bundle version "
              + bundle.version()
              + " is not newer than the accepted version "
              + lastAcceptedVersion);
    }
    return bundle;
  }

  /**
   * Re-verifies the cached last-known-good bundle: its version must equal {@code acceptedVersion},
   * the version recorded when it was accepted.
   */
  public VerifiedBundle verifyCached(
      byte[] envelope, TrustedRoot root, long acceptedVersion, Instant clockFloor)
      throws BundleVerificationException {
    VerifiedBundle bundle = verifyContent(envelope, root, clockFloor);
    if (bundle.version() != acceptedVersion) {
      throw new BundleVerificationException(
          Reason.ROLLBACK,
          "cached bundle version mismatch (want "
              + acceptedVersion
              + ", got "
              + bundle.version()
              + ")");
    }
    return bundle;
  }

  private VerifiedBundle verifyContent(byte[] envelopeBytes, TrustedRoot root, Instant clockFloor)
      throws BundleVerificationException {
    Objects.requireNonNull(root, "root");
    Instant now = effectiveNow(clock, clockFloor);
    SignedBundle envelope =
        Envelopes.parse(envelopeBytes, SignedBundle.MAX_ENVELOPE_BYTES, "bundle");
    byte[] body =
        Envelopes.body(
            envelope, SignedBundle.PAYLOAD_TYPE, SignedBundle.MAX_ENVELOPE_BYTES, "bundle");
    RootMetadata.SigningKey key = DelegatedSignature.require(envelope, body, root, now, "bundle");
    BundlePayload payload = Envelopes.read(body, BundlePayload.class, "bundle payload");
    byte[] content;
    try {
      content = JsonCodec.write(payload.policy().validated());
    } catch (IllegalArgumentException e) {
      throw new BundleVerificationException(
          Reason.MALFORMED, "bundle policy invalid: " + e.getMessage(), e);
    }
    String digest = Digests.sha256(content);
    if (!digest.equals(payload.contentDigest()) || content.length != payload.contentSize()) {
      throw new BundleVerificationException(
          Reason.DIGEST,
          "bundle content mismatch (want "
              + payload.contentDigest()
              + "/"
              + payload.contentSize()
              + " bytes, got "
              + digest
              + "/"
              + content.length
              + " bytes)");
    }
    requireScope(payload, root);
    if (!key.isValidAt(payload.issuedAt())) {
      throw new BundleVerificationException(
          Reason.EXPIRED_KEY,
          "bundle issuedAt "
              + payload.issuedAt()
              + " is outside the validity of key "
              + key.keyId()
              + " ("
              + key.notBefore()
              + " to "
              + key.notAfter()
              + ")");
    }
    if (payload.issuedAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
      throw new BundleVerificationException(
          Reason.NOT_YET_VALID,
          "bundle issued in the future (issuedAt " + payload.issuedAt() + ", now " + now + ")");
    }
    if (!now.isBefore(payload.expiresAt())) {
      throw new BundleVerificationException(
          Reason.EXPIRED,
          "bundle version "
              + payload.version()
              + " expired at "
              + payload.expiresAt()
              + " (now "
              + now
              + ")");
    }
    return new VerifiedBundle(payload, Digests.sha256(envelopeBytes), key.keyId(), root.version());
  }

  private void requireScope(BundlePayload payload, TrustedRoot root)
      throws BundleVerificationException {
    boolean deviceOk = payload.device() == null || payload.device().equals(scope.device());
    if (!payload.tenant().equals(scope.tenant())
        || !root.tenant().equals(scope.tenant())
        || !payload.group().equals(scope.group())
        || !deviceOk) {
      throw new BundleVerificationException(
          Reason.SCOPE,
          "bundle scope mismatch (want tenant="
              + scope.tenant()
              + " group="
              + scope.group()
              + " device="
              + scope.device()
              + ", got tenant="
              + payload.tenant()
              + " group="
              + payload.group()
              + " device="
              + payload.device()
              + ", root tenant="
              + root.tenant()
              + ")");
    }
  }
}
