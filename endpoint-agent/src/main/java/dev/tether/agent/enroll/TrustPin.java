package dev.tether.agent.enroll;

import dev.tether.core.bundle.TrustRoot;
import dev.tether.core.crypto.Digests;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The tenant's root of trust as pinned by the installer (MDM profile or enrollment options),
 * checked against what the server presents at enrollment before anything is written to the state
 * dir.
 *
 * <p>Either the whole trust root (its public keys) or its fingerprint, {@code sha256:} + hex of
 * SHA-256 over the trust root's canonical JSON (as printed by {@code enroll} and {@code status}),
 * is pinned. Without a pin the server's trust root is taken on first use over the enrollment
 * connection; {@code enroll} says so loudly and {@code status} shows it as not pinned.
 *
 * @param trustRoot the pinned trust root, or {@code null}
 * @param fingerprint the pinned fingerprint (normalised to lowercase), or {@code null}
 */
public record TrustPin(TrustRoot trustRoot, String fingerprint) {
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

  /** {@code sha256:<hex>} over the canonical JSON of {@code root}. */
  public static String fingerprintOf(TrustRoot root) {
    return Digests.sha256(JsonCodec.write(root));
  }

  /**
   * Returns the trust root to store if {@code presented} matches the pin.
   *
   * @throws IOException naming both fingerprints if it does not (enrollment is aborted)
   */
  public TrustRoot check(TrustRoot presented) throws IOException {
    if (presented == null) {
      throw new IOException("enroll: server returned no trust root");
    }
    String got = fingerprintOf(presented);
    String want = trustRoot != null ? fingerprintOf(trustRoot) : fingerprint;
    if (want != null && !want.equals(got)) {
      throw new IOException(
          "enroll: the server's trust root is not the pinned one (want "
              + want
              + ", got "
              + got
              + "); nothing was stored");
    }
    return presented;
  }
}
