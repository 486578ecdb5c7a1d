package dev.tether.core.rules.internal;

import dev.tether.core.rules.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deduplication of findings reported for the same data through several decoded views. */
public final class Findings {
  /** Position order: start, then end, then detector id. */
  public static final Comparator<Finding> BY_POSITION =
      Comparator.comparingInt(Finding::start)
          .thenComparingInt(Finding::end)
          .thenComparing(Finding::detectorId);

  private Findings() {}

  /**
   * Merges findings of the same detector whose spans overlap (or are equal) into one covering the
   * union of the spans, with the highest severity and confidence among them; findings of different
   * detectors are kept apart. Returns them in {@link #BY_POSITION} order.
   */
  public static List<Finding> deduplicate(List<Finding> findings) {
    Map<String, List<Finding>> byDetector = new LinkedHashMap<>();
    for (Finding finding : findings) {
      byDetector.computeIfAbsent(finding.detectorId(), d -> new ArrayList<>()).add(finding);
    }
    List<Finding> merged = new ArrayList<>(findings.size());
    for (List<Finding> group : byDetector.values()) {
      group.sort(BY_POSITION);
      Finding current = null;
      for (Finding next : group) {
        if (current != null && overlaps(current, next)) {
          current = union(current, next);
        } else {
          if (current != null) {
            merged.add(current);
          }
          current = next;
        }
      }
      merged.add(current);
    }
    merged.sort(BY_POSITION);
    return merged;
  }

  private static boolean overlaps(Finding a, Finding b) {
    return b.start() < a.end() || (a.start() == b.start() && a.end() == b.end());
  }

  private static Finding union(Finding a, Finding b) {
    Finding stronger = b.severity().compareTo(a.severity()) > 0 ? b : a;
    return new Finding(
        stronger.detectorId(),
        stronger.type(),
        stronger.family(),
        stronger.severity(),
        Math.max(a.confidence(), b.confidence()),
        a.start(),
        Math.max(a.end(), b.end()));
  }
}
