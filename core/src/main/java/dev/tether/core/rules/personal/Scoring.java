package dev.tether.core.rules.personal;

import dev.tether.core.rules.support.ContextWords;

/**
 * Presidio-style context scoring: words that suggest the value is what it looks like raise the
 * confidence, words that suggest something else (order ids, tracking numbers, test data) lower it.
 * Lowering wins over raising, because a look-alike in a labelled field is the common false
 * positive.
 */
record Scoring(ContextWords raising, ContextWords lowering, double boost, double penalty) {

  /** {@code base} adjusted by the context around {@code [start, end)}, clamped to [0.05, 1]. */
  double score(double base, CharSequence text, int start, int end) {
    double confidence = base;
    if (lowering.near(text, start, end)) {
      confidence -= penalty;
    } else if (raising.near(text, start, end)) {
      confidence += boost;
    }
    return Math.max(0.05, Math.min(1.0, Math.round(confidence * 100) / 100.0));
  }

  /** The index of the first ASCII digit at or after {@code from}, or the length. A tight loop. */
  static int nextDigit(String s, int from) {
    int n = s.length();
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (c <= '9' && c >= '0') {
        return i;
      }
    }
    return n;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlnum(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
