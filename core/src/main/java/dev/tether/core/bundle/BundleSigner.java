package dev.tether.core.bundle;

import dev.tether.core.crypto.Digests;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import java.util.List;
import java.util.Objects;

/**
 * Signs bundle payloads into envelopes with an online signing key. Used by the server only. The key
 * must be delegated by the tenant's current root (see {@link RootMetadata#signingKeys()}), or
 * devices reject the bundle.
 */
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
   *
   * @throws IllegalArgumentException if the policy is invalid, the digest or size do not match the
   *     policy, or the envelope exceeds {@link SignedBundle#MAX_ENVELOPE_BYTES}
   */
  public byte[] sign(BundlePayload payload) {
    byte[] content = JsonCodec.write(payload.policy().validated());
    String digest = Digests.sha256(content);
    if (!digest.equals(payload.contentDigest()) || content.length != payload.contentSize()) {
      throw new IllegalArgumentException(
          "bundle.contentDigest: does not match the policy (want "
              + digest
              + "/"
              + content.length
              + ", got "
              + payload.contentDigest()
              + "/"
              + payload.contentSize()
              + ")");
    }
    byte[] body = JsonCodec.write(payload);
    byte[] bytes =
        JsonCodec.write(Envelopes.seal(SignedBundle.PAYLOAD_TYPE, body, List.of(signingKey)));
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
