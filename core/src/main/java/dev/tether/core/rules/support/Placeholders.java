package dev.tether.core.rules.support;

import java.util.Locale;

/**
 * Recognises documentation examples and placeholders that look like secrets but are not, such as
 * {@code AKIAIOSFODNN7EXAMPLE}, {@code YOUR_API_KEY} or runs of {@code x}.
 */
public final class Placeholders {
  private Placeholders() {}

  /** Markers of an example or placeholder, upper case; matched case-insensitively. */
  private static final String[] MARKERS = {
    "EXAMPLE", "YOUR_", "PLACEHOLDER", "REDACTED", "XXXXXX", "******", "CHANGEME"
  };

  /** True if {@code candidate} is a known example value or an obvious placeholder. */
  public static boolean isPlaceholder(String candidate) {
    int marker = asciiMarkerSearch(candidate);
    if (marker > 0) {
      return true;
    }
    if (marker < 0) {
      String upper = candidate.toUpperCase(Locale.ROOT);
      for (String m : MARKERS) {
        if (upper.contains(m)) {
          return true;
        }
      }
    }
    return atMostThreeDistinct(candidate);
  }

  /**
   * 1 if {@code s} is ASCII and holds a marker (ignoring case), 0 if it is ASCII without one, -1 if
   * it is not ASCII (the caller upper-cases it). No copy: every regex candidate is checked here.
   * For ASCII text, {@code regionMatches} ignoring case is exactly {@code toUpperCase(Locale.ROOT)}
   * then {@code contains}.
   */
  private static int asciiMarkerSearch(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return -1;
      }
    }
    for (int i = 0; i < s.length(); i++) {
      String m =
          switch (s.charAt(i)) {
            case 'E', 'e' -> MARKERS[0];
            case 'Y', 'y' -> MARKERS[1];
            case 'P', 'p' -> MARKERS[2];
            case 'R', 'r' -> MARKERS[3];
            case 'X', 'x' -> MARKERS[4];
            case '*' -> MARKERS[5];
            case 'C', 'c' -> MARKERS[6];
            default -> null;
          };
      if (m != null && s.regionMatches(true, i + 1, m, 1, m.length() - 1)) {
        return 1;
      }
    }
    return 0;
  }

  /** True if {@code s} has at most three distinct {@code char} values. */
  private static boolean atMostThreeDistinct(String s) {
    int seen = 0;
    char a = 0;
    char b = 0;
    char c = 0;
    for (int i = 0; i < s.length(); i++) {
      char x = s.charAt(i);
      if ((seen > 0 && x == a) || (seen > 1 && x == b) || (seen > 2 && x == c)) {
        continue;
      }
      if (seen == 3) {
        return false;
      }
      if (seen == 0) {
        a = x;
      } else if (seen == 1) {
        b = x;
      } else {
        c = x;
      }
      seen++;
    }
    return true;
  }

  /** Shannon entropy of {@code s} in bits per character. */
  public static double entropy(String s) {
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double entropy = 0;
    for (int count : counts) {
      entropy -= term(count, s.length());
    }
    return entropy - term(other, s.length());
  }

  private static double term(int count, int length) {
    if (count == 0) {
      return 0;
    }
    double p = (double) count / length;
    return p * (Math.log(p) / Math.log(2));
  }
}
