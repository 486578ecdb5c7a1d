package dev.tether.core.rules.support;

import java.util.List;

/**
 * Finds context words near a span, case-insensitively and on word boundaries, in time bounded by
 * the window size (never the text length). Detectors use it to raise or lower confidence, the way
 * Microsoft Presidio's context enhancement does, and to require context before reporting weak
 * formats such as undashed numbers.
 *
 * <p>A word matches when the characters on both sides of it are not ASCII letters (so {@code tel}
 * does not match inside {@code hotel}) or a camelCase hump does ({@code ssn} in {@code usSsn});
 * words may contain spaces and punctuation ({@code "order id"}, {@code "d.o.b"}), and a space in a
 * word also matches {@code _} or {@code -}, so {@code "date of birth"} finds the field {@code
 * date_of_birth}. Words must be lowercase ASCII.
 *
 * @param words lowercase words or phrases
 * @param before how many characters before the span are searched
 * @param after how many characters after the span are searched
 */
public record ContextWords(List<String> words, int before, int after) {
  public ContextWords {
    words = List.copyOf(words);
    if (before < 0 || after < 0) {
      throw new IllegalArgumentException(
          "contextWords: expected non-negative window, got " + before + "/" + after);
    }
    for (String word : words) {
      if (word.isEmpty() || !word.equals(word.toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException(
            "contextWords.words: expected non-empty lowercase words, got \"" + word + "\"");
      }
    }
  }

  /** Context words {@code words} within {@code before} characters before and after a span. */
  public static ContextWords of(int before, int after, String... words) {
    return new ContextWords(List.of(words), before, after);
  }

  /** True if any word occurs within the window around {@code [start, end)}. */
  public boolean near(CharSequence text, int start, int end) {
    int from = Math.max(0, start - before);
    int to = Math.min(text.length(), end + after);
    for (String word : words) {
      if (find(text, word, from, to) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The index of the first occurrence of {@code word} in {@code [from, to)}, or -1. */
  public static int find(CharSequence text, String word, int from, int to) {
    int last = to - word.length();
    char first = word.charAt(0);
    for (int i = Math.max(0, from); i <= last; i++) {
      if (lower(text.charAt(i)) == first && matchesAt(text, word, i)) {
        return i;
      }
    }
    return -1;
  }

  /** True if {@code word} occurs at {@code i} on word boundaries (case-insensitive ASCII). */
  public static boolean matchesAt(CharSequence text, String word, int i) {
    if (i < 0 || i + word.length() > text.length()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      char c = lower(text.charAt(i + k));
      char w = word.charAt(k);
      // a space in a phrase also matches the separators of field names: date_of_birth, order-id
      if (c != w && !(w == ' ' && (c == '_' || c == '-'))) {
        return false;
      }
    }
    int end = i + word.length();
    return boundary(text, i - 1, i, word.charAt(0))
        && boundary(text, end, end - 1, word.charAt(word.length() - 1));
  }

  /**
   * As {@link #matchesAt(CharSequence, String, int)}, on a {@code String}: hot loops call this, and
   * {@code String.charAt} inlines where a {@code CharSequence} seen in many shapes does not.
   */
  public static boolean matchesAt(String text, String word, int i) {
    int length = word.length();
    if (i < 0 || i + length > text.length()) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      char c = lower(text.charAt(i + k));
      char w = word.charAt(k);
      if (c != w && !(w == ' ' && (c == '_' || c == '-'))) {
        return false;
      }
    }
    int end = i + length;
    return boundary(text, i - 1, i, word.charAt(0))
        && boundary(text, end, end - 1, word.charAt(length - 1));
  }

  private static boolean boundary(String text, int outside, int inside, char wordEdge) {
    if (outside < 0 || outside >= text.length() || !isLetter(wordEdge)) {
      return true;
    }
    char out = text.charAt(outside);
    if (!isLetter(out)) {
      return true;
    }
    char in = text.charAt(inside);
    return outside < inside ? isUpper(in) && !isUpper(out) : isUpper(out) && !isUpper(in);
  }

  /**
   * True if {@code outside} (just outside the match) does not continue the word whose edge is at
   * {@code inside}: it is not a letter, the word edge is not a letter, or a camelCase hump
   * separates them ({@code usSsn}, {@code passportNumber}).
   */
  private static boolean boundary(CharSequence text, int outside, int inside, char wordEdge) {
    if (outside < 0 || outside >= text.length() || !isLetter(wordEdge)) {
      return true;
    }
    char out = text.charAt(outside);
    if (!isLetter(out)) {
      return true;
    }
    char in = text.charAt(inside);
    return outside < inside ? isUpper(in) && !isUpper(out) : isUpper(out) && !isUpper(in);
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
