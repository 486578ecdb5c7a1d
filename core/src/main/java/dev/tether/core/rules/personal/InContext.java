package dev.tether.core.rules.personal;

import dev.tether.core.rules.support.KeywordWindows;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a linear-time pattern only inside the regions around keywords, so detectors that need
 * context cost one keyword pass on texts without it. Regions are merged, so each match is seen
 * once.
 */
final class InContext {
  private InContext() {}

  /** Calls {@code onMatch} for every match of {@code pattern} within the keyword regions. */
  static void forEachMatch(
      CharSequence text,
      KeywordWindows keywords,
      int before,
      int after,
      Pattern pattern,
      Consumer<Matcher> onMatch) {
    List<int[]> regions = keywords.around(text, before, after);
    if (regions.isEmpty()) {
      return;
    }
    Matcher matcher = pattern.matcher(text);
    matcher.useTransparentBounds(true).useAnchoringBounds(false);
    for (int[] region : regions) {
      matcher.region(region[0], region[1]);
      while (matcher.find()) {
        onMatch.accept(matcher);
      }
    }
  }

  /** The digits of {@code s}, separators removed. */
  static String digitsOf(CharSequence s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Scoring.isDigit(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
