package dev.tether.core.bundle;

import java.util.List;

/**
 * The envelope as it travels. {@code payload} is Base64 of the canonical payload bytes.
 *
 * @param payloadType always {@link #PAYLOAD_TYPE}
 * @param payload Base64 of the canonical JSON of a {@link BundlePayload}
 * @param signatures one or more signatures over the DSSE pre-authentication encoding
 */
public record SignedBundle(String payloadType, String payload, List<Signature> signatures) {
  public static final String PAYLOAD_TYPE = "application/vnd.tether.policy-bundle+json; version=1";

  /** Largest envelope an agent downloads or parses; anything longer is cut off and rejected. */
  public static final int MAX_ENVELOPE_BYTES = 4 * 1024 * 1024;

  public SignedBundle {
    signatures = signatures == null ? List.of() : List.copyOf(signatures);
  }

  /** One signature: the signing key's id and the Base64 signature. */
  public record Signature(String keyId, String sig) {}
}
