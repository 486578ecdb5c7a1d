package dev.tether.core.bundle;

import dev.tether.core.json.JsonCodec;

/**
 * Root metadata that passed {@link RootVerifier}: signed by a threshold of its root keys and
 * reached from a pinned root through an unbroken chain. Only {@link RootVerifier} creates one, so
 * holding one is proof of verification.
 */
public final class TrustedRoot {
  private final RootMetadata metadata;
  private final SignedBundle envelope;

  TrustedRoot(RootMetadata metadata, SignedBundle envelope) {
    this.metadata = metadata;
    this.envelope = envelope;
  }

  public RootMetadata metadata() {
    return metadata;
  }

  /** The signed envelope, for storing (it is re-verified on load). */
  public SignedBundle envelope() {
    return envelope;
  }

  /** The envelope as canonical JSON bytes. */
  public byte[] envelopeBytes() {
    return JsonCodec.write(envelope);
  }

  public long version() {
    return metadata.version();
  }

  public String tenant() {
    return metadata.tenant();
  }

  /** See {@link RootMetadata#fingerprint()}. */
  public String fingerprint() {
    return metadata.fingerprint();
  }

  @Override
  public String toString() {
    return "TrustedRoot[tenant="
        + metadata.tenant()
        + ", version="
        + metadata.version()
        + ", fingerprint="
        + metadata.fingerprint()
        + "]";
  }
}
