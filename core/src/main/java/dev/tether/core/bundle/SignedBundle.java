package dev.tether.core.bundle;

import java.util.List;

/**
 * A signed envelope as it travels (DSSE layout): bundles, root metadata and signed server time all
 * use it, told apart by {@code payloadType}, which the signature covers.
 *
 * @param payloadType {@link #PAYLOAD_TYPE}, {@link RootMetadata#PAYLOAD_TYPE} or {@link
 *     ServerTime#PAYLOAD_TYPE}
 * @param payload Base64 of the canonical JSON of the payload
 * @param signatures one or more signatures over the DSSE pre-authentication encoding
 */
public record SignedBundle(String payloadType, String payload, List<Signature> signatures) {
  public static final String PAYLOAD_TYPE = "application/vnd.tether.policy-bundle+json; version=2";

  /** Largest envelope an agent downloads or parses; anything longer is cut off and rejected. */
  public static final int MAX_ENVELOPE_BYTES = 4 * 1024 * 1024;

  /** Most signatures accepted on one envelope (bounds verification work). */
  public static final int MAX_SIGNATURES = 32;

  public SignedBundle {
    signatures = signatures == null ? List.of() : List.copyOf(signatures);
    if (signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "envelope.signatures: at most " + MAX_SIGNATURES + ", got " + signatures.size());
    }
  }

  /** One signature: the signing key's id and the Base64 signature. */
  public record Signature(String keyId, String sig) {}
}
