package dev.tether.core.bundle;

import dev.tether.core.crypto.Ed25519PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * The keys a device accepts bundle signatures from, pinned at enrollment.
 *
 * @param keys trusted Ed25519 keys (Base64 raw public keys with their ids)
 */
public record TrustRoot(List<TrustedKey> keys) {
  public TrustRoot {
    keys = keys == null ? List.of() : List.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("trustRoot.keys: expected at least one key, got none");
    }
    for (TrustedKey key : keys) {
      String derived = Ed25519PublicKey.fromBase64(key.publicKey()).keyId();
      if (!derived.equals(key.keyId())) {
        throw new IllegalArgumentException(
            "trustRoot.keys: key id mismatch (want " + derived + ", got " + key.keyId() + ")");
      }
    }
  }

  /** A trust root of exactly one key. */
  public static TrustRoot of(Ed25519PublicKey key) {
    return new TrustRoot(List.of(new TrustedKey(key.keyId(), key.toBase64())));
  }

  Optional<Ed25519PublicKey> find(String keyId) {
    return keys.stream()
        .filter(k -> k.keyId().equals(keyId))
        .findFirst()
        .map(k -> Ed25519PublicKey.fromBase64(k.publicKey()));
  }

  /** A pinned key: its id and Base64 raw public key. */
  public record TrustedKey(String keyId, String publicKey) {}
}
