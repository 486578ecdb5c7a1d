package dev.tether.agent.enroll;

import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.bundle.RootVerifier;
import dev.tether.core.bundle.SignedBundle;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The tenant's root of trust as pinned by the installer (MDM profile or enrollment options),
 * checked against what the server presents at enrollment before anything is written to the state
 * dir.
 *
 * <p>Either a signed root metadata envelope of the tenant or its fingerprint ({@code
 * RootMetadata.fingerprint()}: {@code sha256:} over the root keys and threshold, as printed by
 * {@code enroll}, {@code status} and the server's {@code GET .../keys}) is pinned. The server's
 * root chain is verified with {@code RootVerifier.trust}, starting at the root with the pinned
 * fingerprint. Without a pin the server's trust root is taken on first use over the enrollment
 * connection; {@code enroll} says so loudly and {@code status} shows it as not pinned.
 *
 * @param trustRoot the pinned trust root, or {@code null}
 * @param fingerprint the pinned fingerprint (normalised to lowercase), or {@code null}
 */
public record TrustPin(SignedBundle trustRoot, String fingerprint) {
  private static final Pattern FINGERPRINT = Pattern.compile("sha256:[0-9a-f]{64}");

  /** No pin: trust on first use. */
  public static final TrustPin NONE = new TrustPin(null, null);

  public TrustPin {
    if (fingerprint != null) {
      fingerprint = fingerprint.trim().toLowerCase(Locale.ROOT);
      if (!FINGERPRINT.matcher(fingerprint).matches()) {
        throw new IllegalArgumentException(
            "root-fingerprint: expected sha256: followed by 64 hex digits, got \""
                + fingerprint
                + "\"");
      }
    }
    if (trustRoot != null && fingerprint != null && !fingerprint.equals(fingerprintOf(trustRoot))) {
      throw new IllegalArgumentException(
          "root-fingerprint: does not match the pinned trust root (want "
              + fingerprintOf(trustRoot)
              + ", got "
              + fingerprint
              + ")");
    }
  }

  /** True if nothing is pinned. */
  public boolean isEmpty() {
    return trustRoot == null && fingerprint == null;
  }

  /**
   * The root-key fingerprint of a root envelope.
   *
   * @throws IllegalArgumentException if it is not a readable root envelope
   */
  public static String fingerprintOf(SignedBundle root) {
    try {
      return RootVerifier.fingerprintOf(root);
    } catch (BundleVerificationException e) {
      throw new IllegalArgumentException("trust-root: " + e.getMessage(), e);
    }
  }

  /**
   * Verifies the server's root chain from the pinned root (or, without a pin, from its first root)
   * and returns the newest root to store.
   *
   * @throws IOException naming both fingerprints if no root matches the pin, or the verification
   *     failure (enrollment is aborted, nothing stored)
   */
  public SignedBundle check(List<SignedBundle> chain, String tenant) throws IOException {
    if (chain == null || chain.isEmpty()) {
      throw new IOException("enroll: server returned no trust root");
    }
    String want = trustRoot != null ? fingerprintOf(trustRoot) : fingerprint;
    try {
      return RootVerifier.trust(chain, tenant, want).envelope();
    } catch (BundleVerificationException e) {
      if (e.reason() == BundleVerificationException.Reason.ROOT_PIN) {
        throw new IOException(
            "enroll: the server's trust root is not the pinned one (want "
                + want
                + ", got "
                + fingerprintOf(chain.get(chain.size() - 1))
                + "); nothing was stored",
            e);
      }
      throw new IOException("enroll: root metadata rejected (" + e.getMessage() + ")", e);
    }
  }
}
