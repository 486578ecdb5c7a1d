package dev.tether.core.rules.tradesecret;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Overlap resolution for literal hits. */
final class Spans {
  private Spans() {}

  /**
   * The spans that remain when overlapping ones are resolved leftmost first, longest on equal
   * starts; duplicates collapse. Sorts {@code spans} in place.
   */
  static List<int[]> leftmostLongest(List<int[]> spans) {
    spans.sort(Comparator.<int[]>comparingInt(s -> s[0]).thenComparingInt(s -> -s[1]));
    List<int[]> kept = new ArrayList<>();
    int covered = -1;
    for (int[] span : spans) {
      if (span[0] >= covered) {
        kept.add(span);
        covered = span[1];
      }
    }
    return kept;
  }
}
