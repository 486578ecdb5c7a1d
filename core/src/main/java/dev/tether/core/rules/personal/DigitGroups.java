package dev.tether.core.rules.personal;

/**
 * Reads a phone-like run of digit groups by hand: digits separated by one or two of {@code "
 * .-/()"} (so {@code (415) 555-2671} and {@code 030/1234 567} read whole). Linear, no regex.
 */
final class DigitGroups {
  private DigitGroups() {}

  /**
   * Reads from {@code start} (a digit); returns the end offset (exclusive, after the last digit) or
   * -1 if more than {@code maxDigits} digits follow or the run ends inside a word.
   */
  static int read(CharSequence text, int start, int maxDigits) {
    int n = text.length();
    int j = start;
    int digits = 0;
    int lastDigitEnd = -1;
    while (j < n) {
      char c = text.charAt(j);
      if (Scoring.isDigit(c)) {
        if (++digits > maxDigits) {
          return -1;
        }
        lastDigitEnd = ++j;
        continue;
      }
      int k = j;
      while (k < n && k - j < 2 && isSeparator(text.charAt(k))) {
        k++;
      }
      if (k > j && digits > 0 && k < n && Scoring.isDigit(text.charAt(k))) {
        j = k;
        continue;
      }
      break;
    }
    if (lastDigitEnd < 0) {
      return -1;
    }
    if (lastDigitEnd < n) {
      char next = text.charAt(lastDigitEnd);
      if (Scoring.isAlnum(next) || next == '_') {
        return -1;
      }
    }
    return lastDigitEnd;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '.' || c == '-' || c == '/' || c == '(' || c == ')';
  }
}
