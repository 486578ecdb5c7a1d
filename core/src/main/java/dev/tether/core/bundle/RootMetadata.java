package dev.tether.core.bundle;

import dev.tether.core.crypto.Digests;
import dev.tether.core.crypto.Ed25519PublicKey;
import dev.tether.core.json.JsonCodec;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's root of trust, version by version: the root keys with their threshold, and the online
 * signing keys the root delegates bundle (and server time) signing to.
 *
 * <p>Travels inside an envelope of type {@link #PAYLOAD_TYPE} signed by root keys (see {@link
 * RootSigner}, {@link RootVerifier}). Version N+1 is trusted only when signed by a threshold of
 * version N's root keys and a threshold of its own. A signing-key rotation or revocation is a new
 * root version (the root keys usually unchanged), so devices pick it up without re-enrolling.
 *
 * @param format {@value #FORMAT}
 * @param tenant the tenant this root belongs to
 * @param version 1 for the first root, +1 per change
 * @param issuedAt when the root keys signed it
 * @param rootThreshold how many distinct root keys must sign (k of n)
 * @param rootKeys the root keys (n)
 * @param signingKeys delegated online keys with their validity periods
 * @param revokedKeyIds signing keys withdrawn before their validity ended
 */
public record RootMetadata(
    int format,
    String tenant,
    long version,
    Instant issuedAt,
    int rootThreshold,
    List<RootKey> rootKeys,
    List<SigningKey> signingKeys,
    List<String> revokedKeyIds) {

  public static final int FORMAT = 1;
  public static final String PAYLOAD_TYPE = "application/vnd.tether.root+json; version=1";

  /** Most root keys in one root. */
  public static final int MAX_ROOT_KEYS = 16;

  /** Most delegated signing keys in one root. */
  public static final int MAX_SIGNING_KEYS = 16;

  /** Most revoked key ids kept; expired keys need not be listed (they fail as expired). */
  public static final int MAX_REVOKED = 256;

  /** Largest encoded root metadata accepted. */
  public static final int MAX_PAYLOAD_BYTES = 32 * 1024;

  public RootMetadata {
    if (format != FORMAT) {
      throw new IllegalArgumentException("root.format: expected " + FORMAT + ", got " + format);
    }
    Identifiers.require("root.tenant", tenant);
    if (version < 1) {
      throw new IllegalArgumentException("root.version: expected >= 1, got " + version);
    }
    Objects.requireNonNull(issuedAt, "root.issuedAt: required");
    rootKeys = rootKeys == null ? List.of() : List.copyOf(rootKeys);
    signingKeys = signingKeys == null ? List.of() : List.copyOf(signingKeys);
    revokedKeyIds = revokedKeyIds == null ? List.of() : List.copyOf(revokedKeyIds);
    if (rootKeys.isEmpty() || rootKeys.size() > MAX_ROOT_KEYS) {
      throw new IllegalArgumentException(
          "root.rootKeys: expected 1 to " + MAX_ROOT_KEYS + " keys, got " + rootKeys.size());
    }
    if (rootThreshold < 1 || rootThreshold > rootKeys.size()) {
      throw new IllegalArgumentException(
          "root.rootThreshold: expected 1 to " + rootKeys.size() + ", got " + rootThreshold);
    }
    if (signingKeys.isEmpty() || signingKeys.size() > MAX_SIGNING_KEYS) {
      throw new IllegalArgumentException(
          "root.signingKeys: expected 1 to "
              + MAX_SIGNING_KEYS
              + " keys, got "
              + signingKeys.size());
    }
    if (revokedKeyIds.size() > MAX_REVOKED) {
      throw new IllegalArgumentException(
          "root.revokedKeyIds: at most " + MAX_REVOKED + ", got " + revokedKeyIds.size());
    }
    Set<String> seen = new HashSet<>();
    for (RootKey key : rootKeys) {
      requireUnique(seen, Objects.requireNonNull(key, "root.rootKeys: null entry").keyId());
    }
    for (SigningKey key : signingKeys) {
      requireUnique(seen, Objects.requireNonNull(key, "root.signingKeys: null entry").keyId());
    }
    Set<String> revoked = new HashSet<>();
    for (String id : revokedKeyIds) {
      if (id == null || !revoked.add(id)) {
        throw new IllegalArgumentException("root.revokedKeyIds: null or duplicate id " + id);
      }
      if (signingKeys.stream().anyMatch(k -> k.keyId().equals(id))) {
        throw new IllegalArgumentException(
            "root.revokedKeyIds: " + id + " is also a delegated signing key");
      }
    }
  }

  private static void requireUnique(Set<String> seen, String keyId) {
    if (!seen.add(keyId)) {
      throw new IllegalArgumentException(
          "root: key " + keyId + " listed twice (root and signing keys must be distinct)");
    }
  }

  /**
   * Fingerprint of the root key set and threshold, {@code sha256:<hex>}: what an MDM profile pins.
   * Unchanged by signing-key rotation and revocation; changed by a root key rotation.
   */
  public String fingerprint() {
    List<String> ids = rootKeys.stream().map(RootKey::publicKey).sorted().toList();
    return Digests.sha256(JsonCodec.write(new FingerprintInput(rootThreshold, ids)));
  }

  /** The delegated signing key with this id, if any. */
  public Optional<SigningKey> signingKey(String keyId) {
    return signingKeys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
  }

  /** True if the root revoked this key id. */
  public boolean isRevoked(String keyId) {
    return revokedKeyIds.contains(keyId);
  }

  private record FingerprintInput(int threshold, List<String> rootKeys) {}

  /**
   * A root key: id and Base64 raw Ed25519 public key.
   *
   * @param keyId must equal the id derived from the key
   * @param publicKey Base64 of the 32-byte key
   */
  public record RootKey(String keyId, String publicKey) {
    public RootKey {
      requireDerivedId("root.rootKeys", keyId, publicKey);
    }

    public static RootKey of(Ed25519PublicKey key) {
      return new RootKey(key.keyId(), key.toBase64());
    }

    Ed25519PublicKey key() {
      return Ed25519PublicKey.fromBase64(publicKey);
    }
  }

  /**
   * An online signing key delegated by the root, valid from {@code notBefore} (inclusive) until
   * {@code notAfter} (exclusive).
   */
  public record SigningKey(String keyId, String publicKey, Instant notBefore, Instant notAfter) {
    public SigningKey {
      requireDerivedId("root.signingKeys", keyId, publicKey);
      Objects.requireNonNull(notBefore, "root.signingKeys.notBefore: required");
      Objects.requireNonNull(notAfter, "root.signingKeys.notAfter: required");
      if (!notAfter.isAfter(notBefore)) {
        throw new IllegalArgumentException(
            "root.signingKeys.notAfter: expected after " + notBefore + ", got " + notAfter);
      }
    }

    public static SigningKey of(Ed25519PublicKey key, Instant notBefore, Instant notAfter) {
      return new SigningKey(key.keyId(), key.toBase64(), notBefore, notAfter);
    }

    /** True if {@code instant} lies in [notBefore, notAfter). */
    public boolean isValidAt(Instant instant) {
      return !instant.isBefore(notBefore) && instant.isBefore(notAfter);
    }

    Ed25519PublicKey key() {
      return Ed25519PublicKey.fromBase64(publicKey);
    }
  }

  private static void requireDerivedId(String what, String keyId, String publicKey) {
    if (publicKey == null) {
      throw new IllegalArgumentException(what + ".publicKey: required");
    }
    String derived = Ed25519PublicKey.fromBase64(publicKey).keyId();
    if (!derived.equals(keyId)) {
      throw new IllegalArgumentException(
          what + ": key id mismatch (want " + derived + ", got " + keyId + ")");
    }
  }
}
