package dev.tether.core.rules;

/**
 * One match of a detector. Holds the location only, never the matched text, so findings can be
 * logged and audited safely.
 *
 * @param detectorId e.g. {@code aws-access-key-id}
 * @param family e.g. {@code cloud-credentials}
 * @param start start offset in the scanned text (inclusive)
 * @param end end offset (exclusive)
 */
public record Finding(String detectorId, String family, int start, int end) {
  public Finding {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("finding: bad span [" + start + ", " + end + ")");
    }
  }
}
