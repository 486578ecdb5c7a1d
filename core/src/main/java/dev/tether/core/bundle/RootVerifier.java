package dev.tether.core.bundle;

import dev.tether.core.bundle.BundleVerificationException.Reason;
import dev.tether.core.crypto.Ed25519PublicKey;
import java.security.SignatureException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies root metadata: the first root a device trusts and every rotation after it.
 *
 * <p>Rules (those of The Update Framework's root role): a root is valid on its own only when a
 * threshold of its own root keys signed it (each key counted once); version N+1 is accepted from a
 * trusted version N only when it is signed by a threshold of N's root keys <em>and</em> a threshold
 * of its own, names the same tenant and has exactly version N+1. A walk is bounded to {@link
 * #MAX_CHAIN_LENGTH} roots of at most {@link RootMetadata#MAX_PAYLOAD_BYTES} each.
 *
 * <p>Roots carry no expiry of their own: freshness comes from bundle expiry and signing-key
 * validity, both enforced by {@link BundleVerifier}.
 */
public final class RootVerifier {
  /** Most roots verified in one call (enrollment chain or one update walk). */
  public static final int MAX_CHAIN_LENGTH = 256;

  private RootVerifier() {}

  /**
   * Establishes trust at enrollment (or on load from the device's own storage). With {@code
   * pinnedFingerprint} (from the MDM profile / install config) the walk starts at the first root of
   * {@code chain} with that {@link RootMetadata#fingerprint()}; without it (trust on first use over
   * the enrollment connection) at the first root. The start must be signed by a threshold of its
   * own keys; the rest of the chain is walked as {@link #update}.
   *
   * @param chain roots, oldest first
   * @param tenant the tenant the device enrolled in
   * @param pinnedFingerprint {@code sha256:<hex>} or {@code null}
   * @throws BundleVerificationException ROOT_PIN, ROOT_THRESHOLD, ROOT_CHAIN, ROOT_ROLLBACK,
   *     MALFORMED or TOO_LARGE
   */
  public static TrustedRoot trust(List<SignedBundle> chain, String tenant, String pinnedFingerprint)
      throws BundleVerificationException {
    if (chain == null || chain.isEmpty()) {
      throw new BundleVerificationException(Reason.ROOT_CHAIN, "root chain is empty");
    }
    requireLength(chain);
    int start = 0;
    RootMetadata first = open(chain.get(0));
    if (pinnedFingerprint != null) {
      start = -1;
      for (int i = 0; i < chain.size(); i++) {
        RootMetadata candidate = i == 0 ? first : open(chain.get(i));
        if (candidate.fingerprint().equals(pinnedFingerprint)) {
          start = i;
          first = candidate;
          break;
        }
      }
      if (start < 0) {
        throw new BundleVerificationException(
            Reason.ROOT_PIN,
            "no root in the chain has the pinned fingerprint " + pinnedFingerprint);
      }
    }
    if (!first.tenant().equals(tenant)) {
      throw new BundleVerificationException(
          Reason.ROOT_CHAIN, "root is for tenant " + first.tenant() + ", expected " + tenant);
    }
    requireThreshold(chain.get(start), first, first, "its own");
    TrustedRoot trusted = new TrustedRoot(first, chain.get(start));
    return update(trusted, chain.subList(start + 1, chain.size()));
  }

  /**
   * Walks from {@code current} through {@code newer} (oldest first), each step exactly one version
   * up, and returns the last root (or {@code current} when {@code newer} is empty).
   *
   * @throws BundleVerificationException ROOT_ROLLBACK for a version not above the trusted one,
   *     ROOT_CHAIN for a gap, another tenant or a chain too long, ROOT_THRESHOLD when the old or
   *     the new threshold of signatures is missing
   */
  public static TrustedRoot update(TrustedRoot current, List<SignedBundle> newer)
      throws BundleVerificationException {
    requireLength(newer);
    TrustedRoot trusted = current;
    for (SignedBundle envelope : newer) {
      RootMetadata next = open(envelope);
      long want = trusted.version() + 1;
      if (next.version() < want) {
        throw new BundleVerificationException(
            Reason.ROOT_ROLLBACK,
            "root version " + next.version() + " is not newer than trusted " + trusted.version());
      }
      if (next.version() != want) {
        throw new BundleVerificationException(
            Reason.ROOT_CHAIN, "root version gap (want " + want + ", got " + next.version() + ")");
      }
      if (!next.tenant().equals(trusted.tenant())) {
        throw new BundleVerificationException(
            Reason.ROOT_CHAIN,
            "root version " + next.version() + " is for tenant " + next.tenant());
      }
      requireThreshold(envelope, next, trusted.metadata(), "the previous root's");
      requireThreshold(envelope, next, next, "its own");
      trusted = new TrustedRoot(next, envelope);
    }
    return trusted;
  }

  /**
   * Re-verifies a root the device stored itself, requiring at least {@code minVersion} (the highest
   * root version it ever trusted, kept separately so a swapped-in older root is refused).
   */
  public static TrustedRoot reload(SignedBundle stored, String tenant, long minVersion)
      throws BundleVerificationException {
    TrustedRoot root = trust(List.of(stored), tenant, null);
    if (root.version() < minVersion) {
      throw new BundleVerificationException(
          Reason.ROOT_ROLLBACK,
          "stored root version " + root.version() + " is older than trusted " + minVersion);
    }
    return root;
  }

  /**
   * The {@link RootMetadata#fingerprint()} of a root envelope, read without checking signatures
   * (for display and for comparing with a pin; trust still comes from {@link #trust}).
   */
  public static String fingerprintOf(SignedBundle envelope) throws BundleVerificationException {
    return open(envelope).fingerprint();
  }

  static RootMetadata open(SignedBundle envelope) throws BundleVerificationException {
    byte[] body =
        Envelopes.body(envelope, RootMetadata.PAYLOAD_TYPE, RootMetadata.MAX_PAYLOAD_BYTES, "root");
    if (body.length > RootMetadata.MAX_PAYLOAD_BYTES) {
      throw new BundleVerificationException(
          Reason.TOO_LARGE,
          "root of " + body.length + " bytes exceeds " + RootMetadata.MAX_PAYLOAD_BYTES);
    }
    return Envelopes.read(body, RootMetadata.class, "root");
  }

  private static void requireThreshold(
      SignedBundle envelope, RootMetadata signed, RootMetadata keys, String whose)
      throws BundleVerificationException {
    byte[] body = Envelopes.decodeBase64(envelope.payload(), "root payload");
    byte[] message = Pae.encode(envelope.payloadType(), body);
    Set<String> valid = new HashSet<>();
    for (SignedBundle.Signature signature : envelope.signatures()) {
      if (signature == null || signature.keyId() == null || valid.contains(signature.keyId())) {
        continue;
      }
      for (RootMetadata.RootKey key : keys.rootKeys()) {
        if (key.keyId().equals(signature.keyId())) {
          Ed25519PublicKey publicKey = key.key();
          try {
            publicKey.verify(message, Envelopes.decodeBase64(signature.sig(), "root signature"));
            valid.add(key.keyId());
          } catch (SignatureException | BundleVerificationException e) {
            // An invalid signature simply does not count toward the threshold.
          }
        }
      }
    }
    if (valid.size() < keys.rootThreshold()) {
      throw new BundleVerificationException(
          Reason.ROOT_THRESHOLD,
          "root version "
              + signed.version()
              + " has "
              + valid.size()
              + " valid signature(s) by "
              + whose
              + " root keys (version "
              + keys.version()
              + "), threshold "
              + keys.rootThreshold());
    }
  }

  private static void requireLength(List<SignedBundle> chain) throws BundleVerificationException {
    if (chain.size() > MAX_CHAIN_LENGTH) {
      throw new BundleVerificationException(
          Reason.ROOT_CHAIN,
          "root chain of " + chain.size() + " exceeds the limit of " + MAX_CHAIN_LENGTH);
    }
  }
}
