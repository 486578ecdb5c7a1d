package dev.tether.core.bundle;

import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import java.util.Collection;
import java.util.List;

/**
 * Signs root metadata with root keys. Server side only; the caller chooses the keys: for version 1
 * a threshold of its own root keys, for a rotation N to N+1 a threshold of version N's keys and a
 * threshold of version N+1's (pass both sets; a key in both signs once).
 */
public final class RootSigner {
  private RootSigner() {}

  /**
   * Encodes {@code metadata} canonically and signs it with every key in {@code rootKeys}. The same
   * metadata and keys always give the same envelope.
   *
   * @throws IllegalArgumentException if a key is not a root key of {@code metadata} or of {@code
   *     previous} (signing with a stray key is a caller bug), or if the encoding is too large
   */
  public static SignedBundle sign(
      RootMetadata metadata, RootMetadata previous, Collection<Ed25519KeyPair> rootKeys) {
    for (Ed25519KeyPair key : rootKeys) {
      String id = key.publicKey().keyId();
      boolean listed = hasRootKey(metadata, id) || (previous != null && hasRootKey(previous, id));
      if (!listed) {
        throw new IllegalArgumentException("root signing: key " + id + " is not a root key");
      }
    }
    byte[] body = JsonCodec.write(metadata);
    if (body.length > RootMetadata.MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "root: encoded size "
              + body.length
              + " exceeds the limit of "
              + RootMetadata.MAX_PAYLOAD_BYTES);
    }
    return Envelopes.seal(RootMetadata.PAYLOAD_TYPE, body, List.copyOf(rootKeys));
  }

  private static boolean hasRootKey(RootMetadata metadata, String keyId) {
    return metadata.rootKeys().stream().anyMatch(k -> k.keyId().equals(keyId));
  }
}
