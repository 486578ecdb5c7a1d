package dev.tether.core.rules.support;

import java.util.Locale;

/**
 * Recognises documentation examples and placeholders that look like secrets but are not, such as
 * {@code AKIAIOSFODNN7EXAMPLE}, {@code YOUR_API_KEY} or runs of {@code x}.
 */
public final class Placeholders {
  private Placeholders() {}

  /** True if {@code candidate} is a known example value or an obvious placeholder. */
  public static boolean isPlaceholder(String candidate) {
    String upper = candidate.toUpperCase(Locale.ROOT);
    if (upper.contains("EXAMPLE")
        || upper.contains("YOUR_")
        || upper.contains("PLACEHOLDER")
        || upper.contains("REDACTED")
        || upper.contains("XXXXXX")
        || upper.contains("******")
        || upper.contains("CHANGEME")) {
      return true;
    }
    return distinctCharacters(candidate) <= 3;
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

  private static long distinctCharacters(String s) {
    return s.chars().distinct().count();
  }
}
