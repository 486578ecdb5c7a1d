package dev.tether.core.bundle;

import dev.tether.core.policy.PolicyDocument;

/**
 * A bundle that passed every check. Only {@link BundleVerifier} can create one (the constructor is
 * package-private), so holding one is proof of verification. Immutable.
 */
public final class VerifiedBundle {
  private final BundlePayload payload;
  private final String envelopeDigest;
  private final String signingKeyId;
  private final long rootVersion;

  VerifiedBundle(
      BundlePayload payload, String envelopeDigest, String signingKeyId, long rootVersion) {
    this.payload = payload;
    this.envelopeDigest = envelopeDigest;
    this.signingKeyId = signingKeyId;
    this.rootVersion = rootVersion;
  }

  /** The verified content. */
  public BundlePayload payload() {
    return payload;
  }

  /** {@code sha256:} digest of the exact envelope bytes (ETag source, audit reference). */
  public String envelopeDigest() {
    return envelopeDigest;
  }

  /** {@code sha256:} digest of the canonical policy JSON, checked against the signed value. */
  public String contentDigest() {
    return payload.contentDigest();
  }

  /** The delegated key whose signature was accepted. */
  public String signingKeyId() {
    return signingKeyId;
  }

  /** Version of the root the signature was checked against. */
  public long rootVersion() {
    return rootVersion;
  }

  public long version() {
    return payload.version();
  }

  public PolicyDocument policy() {
    return payload.policy();
  }

  @Override
  public String toString() {
    return "VerifiedBundle[tenant="
        + payload.tenant()
        + ", group="
        + payload.group()
        + ", version="
        + payload.version()
        + ", expiresAt="
        + payload.expiresAt()
        + ", key="
        + signingKeyId
        + "]";
  }
}
