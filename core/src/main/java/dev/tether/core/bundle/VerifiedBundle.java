package dev.tether.core.bundle;

import dev.tether.core.policy.PolicyDocument;

/**
 * A bundle that passed every check. Only {@link BundleVerifier} can create one (the constructor is
 * package-private), so holding one is proof of verification.
 */
public final class VerifiedBundle {
  private final BundlePayload payload;
  private final String envelopeDigest;

  VerifiedBundle(BundlePayload payload, String envelopeDigest) {
    this.payload = payload;
    this.envelopeDigest = envelopeDigest;
  }

  /** The verified content. */
  public BundlePayload payload() {
    return payload;
  }

  /** {@code sha256:} digest of the exact envelope bytes (ETag source, audit reference). */
  public String envelopeDigest() {
    return envelopeDigest;
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
        + "]";
  }
}
