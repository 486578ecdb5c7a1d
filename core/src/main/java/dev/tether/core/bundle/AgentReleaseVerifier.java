package dev.tether.core.bundle;

import dev.tether.core.bundle.BundleVerificationException.Reason;
import dev.tether.core.crypto.Digests;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies signed agent release metadata ({@link AgentRelease}) for one device platform against the
 * device's {@link TrustedRoot}, with the same envelope and delegated-key checks as policy bundles.
 *
 * <p>{@link #verify} checks, in order, each failing with {@link BundleVerificationException}: size
 * (TOO_LARGE), envelope syntax and payload type (MALFORMED), a signature by a key the root
 * delegates, not revoked and valid now (UNKNOWN_KEY, REVOKED_KEY, EXPIRED_KEY, SIGNATURE), payload
 * syntax (MALFORMED), tenant and platform (SCOPE), artifact size limit (TOO_LARGE), freshness
 * (NOT_YET_VALID, EXPIRED) and the release counter against the highest counter this device accepted
 * (ROLLBACK: an older record replayed). {@link #verifyUpdate} adds the installed version: the
 * release must be strictly newer (ROLLBACK: no downgrade, no same-version replay) and the installed
 * version at least its minimum (SCOPE).
 *
 * <p>"Now" is the later of the clock and the device's verified server-time floor, as for bundles.
 */
public final class AgentReleaseVerifier {
  private final String platform;
  private final Clock clock;

  private AgentReleaseVerifier(String platform, Clock clock) {
    this.platform = platform;
    this.clock = clock;
  }

  /**
   * @param platform this device's package platform, e.g. {@code linux-amd64-deb}
   */
  public static AgentReleaseVerifier create(String platform, Clock clock) {
    return new AgentReleaseVerifier(
        Identifiers.require("platform", platform), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Verifies authenticity, scope and freshness, and that the record is not older than the highest
   * release counter this device accepted ({@code counterFloor}, 0 for none; the same counter is
   * accepted again, so a download can be repeated).
   */
  public VerifiedRelease verify(
      byte[] envelopeBytes, TrustedRoot root, long counterFloor, Instant clockFloor)
      throws BundleVerificationException {
    Objects.requireNonNull(root, "root");
    Instant now = BundleVerifier.effectiveNow(clock, clockFloor);
    SignedBundle envelope =
        Envelopes.parse(envelopeBytes, AgentRelease.MAX_ENVELOPE_BYTES, "release");
    byte[] body =
        Envelopes.body(
            envelope, AgentRelease.PAYLOAD_TYPE, AgentRelease.MAX_ENVELOPE_BYTES, "release");
    RootMetadata.SigningKey key = DelegatedSignature.require(envelope, body, root, now, "release");
    AgentRelease release = Envelopes.read(body, AgentRelease.class, "release payload");
    if (!release.tenant().equals(root.tenant())) {
      throw new BundleVerificationException(
          Reason.SCOPE, "release for tenant " + release.tenant() + ", expected " + root.tenant());
    }
    if (!release.platform().equals(platform)) {
      throw new BundleVerificationException(
          Reason.SCOPE,
          "release platform mismatch (want " + platform + ", got " + release.platform() + ")");
    }
    if (release.size() > AgentRelease.MAX_ARTIFACT_BYTES) {
      throw new BundleVerificationException(
          Reason.TOO_LARGE,
          "release artifact of "
              + release.size()
              + " bytes exceeds the limit of "
              + AgentRelease.MAX_ARTIFACT_BYTES);
    }
    if (release.publishedAt().isAfter(now.plus(BundleVerifier.MAX_CLOCK_SKEW))) {
      throw new BundleVerificationException(
          Reason.NOT_YET_VALID,
          "release published in the future (publishedAt "
              + release.publishedAt()
              + ", now "
              + now
              + ")");
    }
    if (!now.isBefore(release.expiresAt())) {
      throw new BundleVerificationException(
          Reason.EXPIRED,
          "release "
              + release.version()
              + " record expired at "
              + release.expiresAt()
              + " (now "
              + now
              + ")");
    }
    if (release.counter() < counterFloor) {
      throw new BundleVerificationException(
          Reason.ROLLBACK,
          "release counter "
              + release.counter()
              + " is older than the accepted counter "
              + counterFloor);
    }
    return new VerifiedRelease(release, Digests.sha256(envelopeBytes), key.keyId());
  }

  /**
   * {@link #verify} and then {@link VerifiedRelease#requireUpgradeFrom}: the release must be
   * strictly newer than {@code installed} and apply to it.
   */
  public VerifiedRelease verifyUpdate(
      byte[] envelopeBytes,
      TrustedRoot root,
      ReleaseVersion installed,
      long counterFloor,
      Instant clockFloor)
      throws BundleVerificationException {
    VerifiedRelease release = verify(envelopeBytes, root, counterFloor, clockFloor);
    release.requireUpgradeFrom(installed);
    return release;
  }
}
