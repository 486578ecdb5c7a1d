package dev.tether.core.rules.tradesecret;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.policy.ProtectedCode;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports overlap between a request and registered protected code. The request is fingerprinted
 * exactly as registered code was (twice: comments stripped, and comment markers only dropped, so
 * commented-out code is still seen), and for each registered set:
 *
 * <ul>
 *   <li>share = the largest fraction of request fingerprints found in the set within any {@link
 *       #REGION} consecutive request fingerprints (all of them for shorter requests), so padding a
 *       request with unrelated text does not dilute a pasted function;
 *   <li>a finding when share &ge; the set's {@code minMatchShare} and at least {@code minMatches}
 *       distinct fingerprints match; span = first to last matched k-gram; confidence = share.
 * </ul>
 *
 * Time linear in the request (plus a binary search per fingerprint); one detector serves all sets.
 */
final class ProtectedCodeDetector implements Detector {
  /**
   * Request fingerprints per share window: with about one fingerprint per 8.5 tokens that is some
   * 270 tokens, 20 to 30 lines of code, the size of a function someone pastes to ask about.
   */
  static final int REGION = 32;

  static final String TYPE = "protected-source";

  private record Registered(
      String detectorId, String salt, long[] sorted, double minShare, int minMatches) {}

  private record Overlap(double share, int matched, int start, int end) {}

  private final List<Registered> sets = new ArrayList<>();

  /**
   * @param protectedCode validated sets ({@link ProtectedCode#validated})
   */
  ProtectedCodeDetector(List<ProtectedCode> protectedCode) {
    for (ProtectedCode set : protectedCode) {
      long[] sorted = new long[set.fingerprints().size()];
      for (int i = 0; i < sorted.length; i++) {
        sorted[i] = FingerprintKey.parse(set.fingerprints().get(i));
      }
      Arrays.sort(sorted);
      sets.add(
          new Registered(
              "protected-code-" + set.name(),
              set.salt(),
              sorted,
              set.minMatchShare(),
              set.minMatches()));
    }
  }

  @Override
  public String family() {
    return DetectorFamilies.PROTECTED_SOURCE_CODE;
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    Overlap[] best = new Overlap[sets.size()];
    for (boolean stripComments : new boolean[] {true, false}) {
      Winnowing.Selection selection = Winnowing.select(text, stripComments);
      Map<String, long[]> keyedBySalt = new HashMap<>();
      for (int s = 0; s < sets.size(); s++) {
        Registered set = sets.get(s);
        long[] keyed =
            keyedBySalt.computeIfAbsent(
                set.salt(),
                salt -> new FingerprintKey(salt).apply(selection.hashes(), selection.size()));
        Overlap overlap = measure(set, keyed, selection);
        if (overlap != null && (best[s] == null || overlap.share() > best[s].share())) {
          best[s] = overlap;
        }
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (int s = 0; s < sets.size(); s++) {
      Registered set = sets.get(s);
      Overlap overlap = best[s];
      if (overlap != null
          && overlap.share() >= set.minShare()
          && overlap.matched() >= set.minMatches()) {
        findings.add(
            new Finding(
                set.detectorId(),
                TYPE,
                DetectorFamilies.PROTECTED_SOURCE_CODE,
                Severity.HIGH,
                Math.min(1.0, overlap.share()),
                overlap.start(),
                overlap.end()));
      }
    }
    return findings;
  }

  /** The overlap of one set with the request, or null if nothing matches. */
  private static Overlap measure(Registered set, long[] keyed, Winnowing.Selection selection) {
    int size = selection.size();
    boolean[] hit = new boolean[size];
    long[] matched = new long[size];
    int matches = 0;
    int first = -1;
    int last = -1;
    for (int i = 0; i < size; i++) {
      if (Arrays.binarySearch(set.sorted(), keyed[i]) >= 0) {
        hit[i] = true;
        matched[matches++] = keyed[i];
        first = first < 0 ? i : first;
        last = i;
      }
    }
    if (matches == 0) {
      return null;
    }
    int region = Math.min(size, REGION);
    int inWindow = 0;
    int bestInWindow = 0;
    for (int i = 0; i < size; i++) {
      inWindow += hit[i] ? 1 : 0;
      if (i >= region && hit[i - region]) {
        inWindow--;
      }
      bestInWindow = Math.max(bestInWindow, inWindow);
    }
    return new Overlap(
        (double) bestInWindow / region,
        distinct(matched, matches),
        selection.starts()[first],
        selection.ends()[last]);
  }

  private static int distinct(long[] values, int size) {
    Arrays.sort(values, 0, size);
    int distinct = 0;
    for (int i = 0; i < size; i++) {
      distinct += (i == 0 || values[i] != values[i - 1]) ? 1 : 0;
    }
    return distinct;
  }
}
