package dev.tether.core.bundle;

import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/** Signs bundle payloads into envelopes. Used by the server only; holds the signing key. */
public final class BundleSigner {
  private final Ed25519KeyPair signingKey;

  private BundleSigner(Ed25519KeyPair signingKey) {
    this.signingKey = signingKey;
  }

  public static BundleSigner create(Ed25519KeyPair signingKey) {
    return new BundleSigner(Objects.requireNonNull(signingKey, "signingKey"));
  }

  /**
   * Encodes {@code payload} canonically, signs it and returns the envelope's JSON bytes. The same
   * payload always produces the same bytes.
   */
  public byte[] sign(BundlePayload payload) {
    payload.policy().validated();
    byte[] body = JsonCodec.write(payload);
    byte[] signature = signingKey.sign(Pae.encode(SignedBundle.PAYLOAD_TYPE, body));
    SignedBundle envelope =
        new SignedBundle(
            SignedBundle.PAYLOAD_TYPE,
            Base64.getEncoder().encodeToString(body),
            List.of(
                new SignedBundle.Signature(
                    signingKey.publicKey().keyId(),
                    Base64.getEncoder().encodeToString(signature))));
    byte[] bytes = JsonCodec.write(envelope);
    if (bytes.length > SignedBundle.MAX_ENVELOPE_BYTES) {
      throw new IllegalArgumentException(
          "bundle: signed envelope of "
              + bytes.length
              + " bytes exceeds the limit of "
              + SignedBundle.MAX_ENVELOPE_BYTES);
    }
    return bytes;
  }
}
