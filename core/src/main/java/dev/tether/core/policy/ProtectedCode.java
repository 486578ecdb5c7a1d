package dev.tether.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A registered body of protected source code, stored only as keyed fingerprints of its normalised
 * token k-grams (never the code). The agent reports a request whose fingerprints overlap it.
 *
 * @param name lowercase id of {@code [a-z0-9-]} (e.g. {@code billing-service}); the detector id is
 *     {@code protected-code-<name>}
 * @param salt hex key material the fingerprints were computed with (0 to {@value #MAX_SALT_HEX} hex
 *     digits); different salts make fingerprint sets of different tenants incomparable
 * @param fingerprints 64-bit fingerprints as {@value #FINGERPRINT_HEX} lowercase hex digits, at
 *     most {@value #MAX_FINGERPRINTS}
 * @param minMatchShare share (0..1] of a request's fingerprints (in its densest region) that must
 *     be found here to report; default {@value #DEFAULT_MIN_MATCH_SHARE}
 * @param minMatches matched fingerprints required in addition; default {@value
 *     #DEFAULT_MIN_MATCHES}
 */
public record ProtectedCode(
    String name, String salt, List<String> fingerprints, Double minMatchShare, Integer minMatches) {
  public static final int MAX_NAME_CHARS = 48;
  public static final int MAX_SALT_HEX = 64;
  public static final int FINGERPRINT_HEX = 16;
  public static final int MAX_FINGERPRINTS = 100_000;
  public static final double DEFAULT_MIN_MATCH_SHARE = 0.3;
  public static final int DEFAULT_MIN_MATCHES = 8;
  public static final int MAX_MIN_MATCHES = 10_000;

  public ProtectedCode {
    fingerprints = PolicyChecks.copy(fingerprints);
  }

  /**
   * This set checked, with defaults filled, salt and fingerprints lowercased, fingerprints sorted
   * and de-duplicated.
   *
   * @throws PolicyValidationException naming {@code key} and the offending field or index
   */
  public ProtectedCode validated(String key) {
    String id = PolicyChecks.id(key + ".name", name, MAX_NAME_CHARS);
    String checkedSalt = salt == null ? "" : salt.toLowerCase(Locale.ROOT);
    if (checkedSalt.length() > MAX_SALT_HEX || !isHex(checkedSalt)) {
      throw new PolicyValidationException(
          key
              + ".salt: expected at most "
              + MAX_SALT_HEX
              + " hex digits, got "
              + PolicyChecks.echo(salt));
    }
    PolicyChecks.requireAtMost(key + ".fingerprints", fingerprints.size(), MAX_FINGERPRINTS);
    if (fingerprints.isEmpty()) {
      throw new PolicyValidationException(key + ".fingerprints: expected at least one fingerprint");
    }
    TreeSet<String> sorted = new TreeSet<>();
    for (int i = 0; i < fingerprints.size(); i++) {
      String fingerprint = fingerprints.get(i);
      if (fingerprint == null || fingerprint.length() != FINGERPRINT_HEX || !isHex(fingerprint)) {
        throw new PolicyValidationException(
            key
                + ".fingerprints["
                + i
                + "]: expected "
                + FINGERPRINT_HEX
                + " hex digits, got "
                + PolicyChecks.echo(fingerprint));
      }
      sorted.add(fingerprint.toLowerCase(Locale.ROOT));
    }
    double share = minMatchShare == null ? DEFAULT_MIN_MATCH_SHARE : minMatchShare;
    if (!(share > 0.0 && share <= 1.0)) {
      throw new PolicyValidationException(
          key + ".minMatchShare: expected a share in (0, 1], got " + minMatchShare);
    }
    int matches = minMatches == null ? DEFAULT_MIN_MATCHES : minMatches;
    if (matches < 1 || matches > MAX_MIN_MATCHES) {
      throw new PolicyValidationException(
          key + ".minMatches: expected 1 to " + MAX_MIN_MATCHES + ", got " + minMatches);
    }
    return new ProtectedCode(id, checkedSalt, new ArrayList<>(sorted), share, matches);
  }

  private static boolean isHex(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        return false;
      }
    }
    return true;
  }
}
