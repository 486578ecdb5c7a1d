package dev.tether.core.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces every finding's span by a typed placeholder such as {@code [AWS_ACCESS_KEY_1]}.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Overlapping spans are merged into one replaced region; the finding with the highest
 *       severity (then confidence, then length) names its placeholder.
 *   <li>Within one text, equal values of one type get the same placeholder, and {@code n} in {@code
 *       [TYPE_n]} counts distinct values of that type in order of first occurrence.
 *   <li>A region never splits a JSON escape sequence ({@code \n}, {@code \u00e9}): it is widened to
 *       cover the whole escape. Placeholders hold only {@code [A-Z0-9_]} and brackets, so a valid
 *       JSON document whose findings lie inside string literals stays valid JSON.
 *   <li>The original values stay in the returned {@link Redaction}, in memory; nothing here logs.
 * </ul>
 */
public final class Redactor {
  private static final Comparator<Finding> PRECEDENCE =
      Comparator.comparing(Finding::severity)
          .thenComparingDouble(Finding::confidence)
          .thenComparingInt(f -> f.end() - f.start());

  private Redactor() {}

  /**
   * Redacts {@code findings} (spans of {@code text}, e.g. from {@link RuleEngine#scan}).
   *
   * @throws IllegalArgumentException if a finding's span lies outside {@code text}
   */
  public static Redaction redact(CharSequence text, List<Finding> findings) {
    Objects.requireNonNull(text, "text");
    List<Region> regions = new ArrayList<>();
    for (Finding finding : findings) {
      if (finding.end() > text.length()) {
        throw new IllegalArgumentException(
            "redact: finding of "
                + finding.detectorId()
                + " ends at "
                + finding.end()
                + ", beyond a text of "
                + text.length()
                + " chars");
      }
      if (finding.end() > finding.start()) {
        regions.add(
            new Region(
                escapeStart(text, finding.start()), escapeEnd(text, finding.end()), finding));
      }
    }
    regions.sort(Comparator.comparingInt(Region::start));

    StringBuilder out = new StringBuilder(text.length());
    Map<String, String> byValue = new HashMap<>(); // stem + NUL + value -> placeholder
    Map<String, Integer> counters = new HashMap<>();
    Map<String, String> originals = new LinkedHashMap<>();
    int copied = 0;
    for (int i = 0; i < regions.size(); ) {
      Region cluster = regions.get(i++);
      int end = cluster.end();
      Finding winner = cluster.finding();
      while (i < regions.size() && regions.get(i).start() < end) {
        Region next = regions.get(i++);
        end = Math.max(end, next.end());
        if (PRECEDENCE.compare(next.finding(), winner) > 0) {
          winner = next.finding();
        }
      }
      String value = text.subSequence(cluster.start(), end).toString();
      String stem = winner.placeholderStem();
      String placeholder =
          byValue.computeIfAbsent(
              stem + '\0' + value,
              k -> "[" + stem + "_" + counters.merge(stem, 1, Integer::sum) + "]");
      originals.putIfAbsent(placeholder, value);
      out.append(text, copied, cluster.start()).append(placeholder);
      copied = end;
    }
    out.append(text, copied, text.length());
    return new Redaction(out.toString(), originals);
  }

  private record Region(int start, int end, Finding finding) {}

  /** {@code offset}, moved back to the start of a JSON escape it would split. */
  private static int escapeStart(CharSequence text, int offset) {
    int escape = escapeCovering(text, offset);
    return escape >= 0 ? escape : offset;
  }

  /** {@code offset}, moved forward to the end of a JSON escape it would split. */
  private static int escapeEnd(CharSequence text, int offset) {
    int escape = escapeCovering(text, offset);
    return escape >= 0 ? escape + escapeLength(text, escape) : offset;
  }

  /** Start of the escape sequence strictly containing the boundary {@code offset}, or -1. */
  private static int escapeCovering(CharSequence text, int offset) {
    for (int q = offset - 1; q >= 0 && q >= offset - 5; q--) {
      if (text.charAt(q) == '\\' && isEscapeIntroducer(text, q)) {
        return offset < q + escapeLength(text, q) ? q : -1;
      }
    }
    return -1;
  }

  /** A backslash starts an escape when it is preceded by an even number of backslashes. */
  private static boolean isEscapeIntroducer(CharSequence text, int q) {
    int backslashes = 0;
    for (int k = q - 1; k >= 0 && text.charAt(k) == '\\'; k--) {
      backslashes++;
    }
    return backslashes % 2 == 0;
  }

  private static int escapeLength(CharSequence text, int q) {
    if (q + 1 >= text.length()) {
      return 1;
    }
    return text.charAt(q + 1) == 'u' ? Math.min(6, text.length() - q) : 2;
  }
}
