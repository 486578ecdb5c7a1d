package dev.tether.core.policy;

/**
 * Estimates how large a regular expression becomes once counted repetitions are expanded, before it
 * is compiled: RE2/J expands {@code (a{1000}){1000}} into a million instructions and runs out of
 * memory while compiling it, which would take every agent down with the policy.
 *
 * <p>The estimate counts every atom (literal, class, escape) once, multiplies a repeated atom or
 * group by its upper bound, and adds alternatives. It over-counts slightly, never under-counts.
 */
final class PatternSize {
  private static final long CAP = 1L << 40;

  private PatternSize() {}

  /** The estimated number of expanded atoms of {@code pattern}. */
  static long estimate(String pattern) {
    long[] stack = new long[pattern.length() + 1];
    int depth = 0;
    long sum = 0;
    long last = 0;
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      switch (c) {
        case '\\' -> {
          i = skipEscape(pattern, i);
          last = 1;
          sum = add(sum, 1);
          continue;
        }
        case '[' -> {
          i = skipClass(pattern, i);
          last = 1;
          sum = add(sum, 1);
          continue;
        }
        case '(' -> {
          stack[depth++] = sum;
          sum = 0;
          last = 0;
        }
        case ')' -> {
          long group = sum;
          sum = depth > 0 ? add(stack[--depth], group) : group;
          last = group;
        }
        case '{' -> {
          int close = pattern.indexOf('}', i);
          long count = close < 0 ? -1 : repeatBound(pattern.substring(i + 1, close));
          if (count >= 0) {
            sum = add(sum, multiply(last, Math.max(count, 1) - 1));
            last = multiply(last, Math.max(count, 1));
            i = close + 1;
            continue;
          }
          last = 1;
          sum = add(sum, 1);
        }
        case '*', '+', '?', '|', '^', '$' -> {
          // Quantifiers and anchors add no expanded copies.
        }
        default -> {
          last = 1;
          sum = add(sum, 1);
        }
      }
      i++;
    }
    while (depth > 0) {
      sum = add(stack[--depth], sum);
    }
    return sum;
  }

  private static int skipEscape(String pattern, int i) {
    int next = i + 2;
    if (i + 1 < pattern.length()) {
      char kind = pattern.charAt(i + 1);
      boolean braced = next < pattern.length() && pattern.charAt(next) == '{';
      if ((kind == 'p' || kind == 'P' || kind == 'x') && braced) {
        int close = pattern.indexOf('}', next);
        next = close < 0 ? pattern.length() : close + 1;
      }
    }
    return Math.min(next, pattern.length());
  }

  private static int skipClass(String pattern, int i) {
    int j = i + 1;
    if (j < pattern.length() && pattern.charAt(j) == '^') {
      j++;
    }
    if (j < pattern.length() && pattern.charAt(j) == ']') {
      j++;
    }
    while (j < pattern.length()) {
      char c = pattern.charAt(j);
      if (c == '\\') {
        j += 2;
      } else if (c == '[' && j + 1 < pattern.length() && pattern.charAt(j + 1) == ':') {
        int close = pattern.indexOf(":]", j + 2);
        j = close < 0 ? j + 1 : close + 2;
      } else if (c == ']') {
        return j + 1;
      } else {
        j++;
      }
    }
    return pattern.length();
  }

  /** The upper bound of {@code m}, {@code m,} or {@code m,n}; -1 if not a repetition. */
  private static long repeatBound(String body) {
    if (!body.matches("\\d{1,9}(,\\d{0,9})?")) {
      return -1;
    }
    int comma = body.indexOf(',');
    if (comma < 0) {
      return Long.parseLong(body);
    }
    String upper = body.substring(comma + 1);
    // {m,} repeats m copies then a star.
    return upper.isEmpty() ? Long.parseLong(body.substring(0, comma)) + 1 : Long.parseLong(upper);
  }

  private static long add(long a, long b) {
    return Math.min(CAP, a + b);
  }

  private static long multiply(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > CAP / b ? CAP : Math.min(CAP, a * b);
  }
}
