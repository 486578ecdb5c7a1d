package dev.tether.core.bundle;

import dev.tether.core.bundle.BundleVerificationException.Reason;
import java.util.Objects;

/**
 * Release metadata that passed {@link AgentReleaseVerifier}. Only the verifier creates one, so
 * holding one is proof of verification. Immutable.
 */
public final class VerifiedRelease {
  private final AgentRelease release;
  private final String envelopeDigest;
  private final String signingKeyId;

  VerifiedRelease(AgentRelease release, String envelopeDigest, String signingKeyId) {
    this.release = release;
    this.envelopeDigest = envelopeDigest;
    this.signingKeyId = signingKeyId;
  }

  /** The verified record. */
  public AgentRelease release() {
    return release;
  }

  /** {@code sha256:} digest of the exact envelope bytes. */
  public String envelopeDigest() {
    return envelopeDigest;
  }

  /** The delegated key whose signature was accepted. */
  public String signingKeyId() {
    return signingKeyId;
  }

  public ReleaseVersion version() {
    return release.releaseVersion();
  }

  /**
   * Requires that this release may replace {@code installed}.
   *
   * @throws BundleVerificationException ROLLBACK if the release is not strictly newer (a downgrade
   *     or the same version replayed), SCOPE if {@code installed} is older than the release's
   *     minimum version
   */
  public void requireUpgradeFrom(ReleaseVersion installed) throws BundleVerificationException {
    Objects.requireNonNull(installed, "installed");
    if (!version().isNewerThan(installed)) {
      throw new BundleVerificationException(
          Reason.ROLLBACK,
          "release " + version() + " is not newer than the installed version " + installed);
    }
    if (installed.compareTo(release.minimumReleaseVersion()) < 0) {
      throw new BundleVerificationException(
          Reason.SCOPE,
          "release "
              + version()
              + " requires at least version "
              + release.minimumVersion()
              + " installed, got "
              + installed);
    }
  }

  /**
   * Requires that downloaded artifact bytes match the signed size and digest.
   *
   * @throws BundleVerificationException DIGEST naming both values otherwise
   */
  public void requireArtifact(long size, String sha256) throws BundleVerificationException {
    if (size != release.size() || !release.sha256().equals(sha256)) {
      throw new BundleVerificationException(
          Reason.DIGEST,
          "artifact mismatch (want "
              + release.sha256()
              + "/"
              + release.size()
              + " bytes, got "
              + sha256
              + "/"
              + size
              + " bytes)");
    }
  }

  @Override
  public String toString() {
    return "VerifiedRelease[tenant="
        + release.tenant()
        + ", platform="
        + release.platform()
        + ", version="
        + release.version()
        + ", counter="
        + release.counter()
        + ", key="
        + signingKeyId
        + "]";
  }
}
