package dev.tether.core.rules;

import java.util.Objects;

/**
 * One match of a detector. Holds the location only, never the matched text, so findings can be
 * logged and audited safely.
 *
 * @param detectorId the detector that matched, e.g. {@code github-fine-grained-pat}
 * @param type what kind of data it is, e.g. {@code github-token}; the redaction placeholder is
 *     derived from it ({@code [GITHUB_TOKEN_1]})
 * @param family the group a policy assigns a response to, e.g. {@code source-control-credentials}
 *     (see {@code dev.tether.core.policy.DetectorFamilies})
 * @param severity how bad it is if it leaves
 * @param confidence 0..1, how sure the detector is (validation, context words and entropy raise or
 *     lower it)
 * @param start start offset in the scanned text (inclusive, Java {@code String} index)
 * @param end end offset (exclusive)
 */
public record Finding(
    String detectorId,
    String type,
    String family,
    Severity severity,
    double confidence,
    int start,
    int end) {

  // [a-z0-9][a-z0-9-]{0,63}, checked by hand: every finding of every scan passes here three times.
  private static boolean isId(String value) {
    if (value == null || value.isEmpty() || value.length() > 64 || value.charAt(0) == '-') {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  public Finding {
    requireId("finding.detectorId", detectorId);
    requireId("finding.type", type);
    requireId("finding.family", family);
    Objects.requireNonNull(severity, "finding.severity: required");
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("finding.confidence: expected 0..1, got " + confidence);
    }
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("finding: bad span [" + start + ", " + end + ")");
    }
  }

  /** The placeholder stem for redaction: {@code github-token} becomes {@code GITHUB_TOKEN}. */
  public String placeholderStem() {
    return type.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
  }

  /** This finding moved by {@code offset} characters (for findings inside decoded sub-texts). */
  public Finding shifted(int newStart, int newEnd) {
    return new Finding(detectorId, type, family, severity, confidence, newStart, newEnd);
  }

  private static void requireId(String key, String value) {
    if (!isId(value)) {
      throw new IllegalArgumentException(
          key + ": expected a lowercase id of [a-z0-9-], got \"" + value + "\"");
    }
  }
}
