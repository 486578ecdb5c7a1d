package dev.tether.core.rules.support;

import java.util.ArrayList;
import java.util.List;

/**
 * The regions of a text around occurrences of keywords, merged so that every character is visited
 * at most a bounded number of times. Detectors that only report values in context (SSN, passport
 * numbers, dates of birth) find the keywords in one pass and then look for values inside these
 * regions only, so a long text without keywords costs one cheap pass.
 *
 * <p>Words match as in {@link ContextWords} (case-insensitive ASCII, word boundaries, camelCase
 * humps, a space also matching {@code _} or {@code -}). Build once with {@link #of} and share: the
 * instance is immutable and thread-safe. The pass looks at each character once and at the word list
 * only where the first two characters of some word occur.
 */
public final class KeywordWindows {
  private final List<String> words;
  private final String[] all;
  private final boolean[] first = new boolean[128];
  private final boolean[] single = new boolean[128];
  private final String[][] byPair = new String[128 * 128][];
  private final boolean hasSingle;
  private final long[] pairBits = new long[128 * 128 / 64]; // byPair[p] != null, in 2 KB
  // words by their second and third characters, for the two-characters-a-step pass
  private final String[][] bySecondPair = new String[128 * 128][];
  private final long[] secondPairBits = new long[128 * 128 / 64];
  private final boolean twoAtATime;
  private final boolean hasSpace;

  private KeywordWindows(List<String> words) {
    this.words = List.copyOf(ContextWords.of(0, 0, words.toArray(String[]::new)).words());
    this.all = this.words.toArray(String[]::new);
    boolean anySingle = false;
    boolean stride = true;
    for (String word : this.words) {
      char c0 = word.charAt(0);
      if (c0 >= 128) {
        throw new IllegalArgumentException(
            "keywordWindows.words: expected ASCII first character, got \"" + word + "\"");
      }
      first[c0] = true;
      if (word.length() == 1) {
        single[c0] = true;
        anySingle = true;
        continue;
      }
      char c1 = word.charAt(1);
      if (c1 >= 128) {
        throw new IllegalArgumentException(
            "keywordWindows.words: expected ASCII second character, got \"" + word + "\"");
      }
      add(c0 << 7 | c1, word);
      if (c1 == ' ') {
        add(c0 << 7 | '_', word);
        add(c0 << 7 | '-', word);
      }
      if (word.length() < 3 || word.charAt(2) >= 128 || c0 == ' ') {
        stride = false;
        continue;
      }
      for (char v1 : spellings(c1)) {
        for (char v2 : spellings(word.charAt(2))) {
          int pair = v1 << 7 | v2;
          bySecondPair[pair] = append(bySecondPair[pair], word);
          secondPairBits[pair >>> 6] |= 1L << pair;
        }
      }
    }
    this.hasSingle = anySingle;
    this.hasSpace = this.words.stream().anyMatch(w -> w.indexOf(' ') >= 0);
    this.twoAtATime = stride && !anySingle;
  }

  /** The text characters a word character matches: a space also matches {@code _} and {@code -}. */
  private static char[] spellings(char c) {
    return c == ' ' ? new char[] {' ', '_', '-'} : new char[] {c};
  }

  private static String[] append(String[] old, String word) {
    String[] grown = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
    grown[grown.length - 1] = word;
    return grown;
  }

  private void add(int pair, String word) {
    String[] old = byPair[pair];
    String[] grown = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
    grown[grown.length - 1] = word;
    byPair[pair] = grown;
    pairBits[pair >>> 6] |= 1L << pair;
  }

  /** A window finder for {@code words} (lowercase, non-empty, ASCII first two characters). */
  public static KeywordWindows of(List<String> words) {
    return new KeywordWindows(words);
  }

  /** Convenience for one-off use; detectors should keep an instance from {@link #of}. */
  public static List<int[]> around(CharSequence text, List<String> words, int before, int after) {
    return of(words).around(text, before, after);
  }

  /**
   * Merged regions {@code [max(0, k - before), min(n, kEnd + after))} around every occurrence of
   * any word, in ascending order. Each region is an {@code int[]{start, end}}. One pass over {@code
   * text}.
   */
  public List<int[]> around(CharSequence text, int before, int after) {
    String s = text.toString();
    if (hasSingle) {
      return aroundEachChar(s, before, after);
    }
    if (twoAtATime) {
      return aroundTwoAtATime(s, before, after);
    }
    // One table lookup per character on the (folded) pair ending there; pairs that start a word
    // are rare in text, so the loop seldom branches away (a test on the first character alone
    // is true for a fifth of all letters and mispredicts often).
    List<int[]> regions = new ArrayList<>();
    int n = s.length();
    int[] open = null;
    int previous = 0;
    for (int i = 0; i < n; i++) {
      char raw = s.charAt(i);
      int c = raw < 128 ? ContextWords.lower(raw) : 0;
      int pair = previous << 7 | c;
      previous = c;
      if ((pairBits[pair >>> 6] & (1L << pair)) == 0) {
        continue;
      }
      String[] candidates = byPair[pair];
      int at = i - 1;
      for (String word : candidates) {
        if (ContextWords.matchesAt(s, word, at)) {
          int start = Math.max(0, at - before);
          int end = Math.min(n, at + word.length() + after);
          if (open != null && start <= open[1]) {
            open[1] = Math.max(open[1], end);
          } else {
            open = new int[] {start, end};
            regions.add(open);
          }
          break;
        }
      }
    }
    return regions;
  }

  /**
   * The regions of {@link #around}, given the ascending offsets {@code starts} that include every
   * offset where one of the words occurs (ASCII case-insensitively), e.g. from the engine's keyword
   * prefilter, instead of a pass over the text. Other offsets in {@code starts} are harmless. Falls
   * back to {@link #around} when some word is one character long or holds a space (a space also
   * matches {@code _} and {@code -}, which a literal occurrence would not show).
   */
  public List<int[]> aroundStarts(CharSequence text, int[] starts, int before, int after) {
    if (hasSingle || hasSpace) {
      return around(text, before, after);
    }
    String s = text.toString();
    int n = s.length();
    List<int[]> regions = new ArrayList<>();
    int[] open = null;
    for (int at : starts) {
      if (at < 0 || at + 1 >= n) {
        continue;
      }
      char r0 = s.charAt(at);
      char r1 = s.charAt(at + 1);
      int pair =
          (r0 < 128 ? ContextWords.lower(r0) : 0) << 7 | (r1 < 128 ? ContextWords.lower(r1) : 0);
      if ((pairBits[pair >>> 6] & (1L << pair)) != 0) {
        open = match(s, byPair[pair], at, before, after, regions, open);
      }
    }
    return regions;
  }

  /**
   * {@link #around} when every word has at least three characters: the pair ending at each odd
   * offset {@code i} is looked up twice, as the first two characters of a word starting at {@code i
   * - 1} and as the second and third of one starting at {@code i - 2}, so every start is checked
   * once, half as many steps as one per character. Same regions, same word chosen at each start
   * (candidate lists keep the word order).
   */
  List<int[]> aroundTwoAtATime(String s, int before, int after) {
    List<int[]> regions = new ArrayList<>();
    int n = s.length();
    int[] open = null;
    for (int i = 1; i < n; i += 2) {
      char r0 = s.charAt(i - 1);
      char r1 = s.charAt(i);
      int pair =
          (r0 < 128 ? ContextWords.lower(r0) : 0) << 7 | (r1 < 128 ? ContextWords.lower(r1) : 0);
      long bit = 1L << pair;
      int word = pair >>> 6;
      if ((secondPairBits[word] & bit) != 0) {
        open = match(s, bySecondPair[pair], i - 2, before, after, regions, open);
      }
      if ((pairBits[word] & bit) != 0) {
        open = match(s, byPair[pair], i - 1, before, after, regions, open);
      }
    }
    return regions;
  }

  /** Adds the region of the first of {@code candidates} at {@code at}; returns the open region. */
  private static int[] match(
      String s,
      String[] candidates,
      int at,
      int before,
      int after,
      List<int[]> regions,
      int[] open) {
    for (String word : candidates) {
      if (ContextWords.matchesAt(s, word, at)) {
        int start = Math.max(0, at - before);
        int end = Math.min(s.length(), at + word.length() + after);
        if (open != null && start <= open[1]) {
          open[1] = Math.max(open[1], end);
          return open;
        }
        int[] region = {start, end};
        regions.add(region);
        return region;
      }
    }
    return open;
  }

  /** {@link #around} when some word is one character long: every character is a candidate. */
  List<int[]> aroundEachChar(String s, int before, int after) {
    List<int[]> regions = new ArrayList<>();
    int n = s.length();
    int[] open = null;
    for (int i = 0; i < n; i++) {
      char c = ContextWords.lower(s.charAt(i));
      if (c >= 128 || !first[c]) {
        continue;
      }
      String[] candidates;
      if (single[c]) {
        candidates = all;
      } else {
        char c1 = i + 1 < n ? ContextWords.lower(s.charAt(i + 1)) : 0;
        candidates = c1 < 128 ? byPair[c << 7 | c1] : null;
        if (candidates == null) {
          continue;
        }
      }
      for (String word : candidates) {
        if (word.charAt(0) == c && ContextWords.matchesAt(s, word, i)) {
          int start = Math.max(0, i - before);
          int end = Math.min(n, i + word.length() + after);
          if (open != null && start <= open[1]) {
            open[1] = Math.max(open[1], end);
          } else {
            open = new int[] {start, end};
            regions.add(open);
          }
          break;
        }
      }
    }
    return regions;
  }
}
