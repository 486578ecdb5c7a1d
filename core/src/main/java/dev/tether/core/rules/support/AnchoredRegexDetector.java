package dev.tether.core.rules.support;

import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link RegexDetector} that only tries its pattern where it can match: at occurrences of its
 * anchors (lowercase literals, found case-insensitively in one pass over the text), starting at
 * most {@code maxAnchorOffset} characters before the anchor. Candidate positions are found with
 * {@link String#indexOf(int, int)} on the anchors' first characters (both cases), so text without
 * them is skipped at memory speed; {@code java.util.regex} would otherwise attempt a match at every
 * position.
 *
 * <p>Guarantees: each start position is attempted at most once, and every attempt is bounded by the
 * pattern's own bounded quantifiers, so a scan is linear in the text length. Matches do not overlap
 * (as with {@link Matcher#find()}). Lookbehind and lookahead see the text outside the attempted
 * region. Thread-safe: no state is kept between calls.
 */
public final class AnchoredRegexDetector implements Detector {
  private final String id;
  private final String type;
  private final String family;
  private final Severity severity;
  private final double confidence;
  private final Set<String> keywords;
  private final char[][][] anchorsByFirstChar = new char[128][][];
  private final char[] firstChars;
  private final int maxAnchorOffset;
  private final Pattern pattern;
  private final Predicate<String> valid;
  private final boolean anchorsAreKeywords;

  /**
   * @param id detector id
   * @param type data type
   * @param family policy family
   * @param severity severity of every finding
   * @param confidence confidence of every finding that passes {@code valid}
   * @param keywords prefilter literals (lowercase), see {@link Detector#keywords()}
   * @param anchors lowercase ASCII literals every match contains, at most {@code maxAnchorOffset}
   *     characters after the match start
   * @param maxAnchorOffset how far before an anchor a match may start
   * @param pattern linear-time pattern; group 1 (or the whole match) is the candidate
   * @param valid validation of the candidate
   */
  public AnchoredRegexDetector(
      String id,
      String type,
      String family,
      Severity severity,
      double confidence,
      Set<String> keywords,
      Set<String> anchors,
      int maxAnchorOffset,
      Pattern pattern,
      Predicate<String> valid) {
    this.id = Objects.requireNonNull(id);
    this.type = Objects.requireNonNull(type);
    this.family = Objects.requireNonNull(family);
    this.severity = Objects.requireNonNull(severity);
    this.confidence = confidence;
    this.keywords = Set.copyOf(keywords);
    this.maxAnchorOffset = maxAnchorOffset;
    this.pattern = Objects.requireNonNull(pattern);
    this.valid = Objects.requireNonNull(valid);
    if (anchors.isEmpty() || maxAnchorOffset < 0) {
      throw new IllegalArgumentException(id + ": expected anchors and an offset >= 0");
    }
    for (String anchor : anchors) {
      if (anchor.isEmpty()
          || !anchor.equals(anchor.toLowerCase(Locale.ROOT))
          || !anchor.chars().allMatch(c -> c < 128)) {
        throw new IllegalArgumentException(
            id + ": anchors must be lowercase ASCII, got \"" + anchor + "\"");
      }
      char first = anchor.charAt(0);
      char[][] old = anchorsByFirstChar[first];
      char[][] grown = old == null ? new char[1][] : java.util.Arrays.copyOf(old, old.length + 1);
      grown[grown.length - 1] = anchor.toCharArray();
      anchorsByFirstChar[first] = grown;
    }
    StringBuilder firsts = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      if (anchorsByFirstChar[c] != null) {
        firsts.append(c);
        if (c >= 'a' && c <= 'z') {
          firsts.append((char) (c - 32));
        }
      }
    }
    this.firstChars = firsts.toString().toCharArray();
    this.anchorsAreKeywords = this.keywords.equals(Set.copyOf(anchors));
  }

  public String id() {
    return id;
  }

  @Override
  public String family() {
    return family;
  }

  @Override
  public Set<String> keywords() {
    return keywords;
  }

  /**
   * True when the anchors are the prefilter keywords (every detector {@code Defs} builds): the
   * engine's keyword positions are then exactly the anchor occurrences this detector would look
   * for, and {@link #scan(CharSequence, int[])} skips its own search.
   */
  @Override
  public boolean usesKeywordStarts() {
    return anchorsAreKeywords;
  }

  /**
   * The same findings as {@link #scan(CharSequence)}: {@code keywordStarts} are the ascending
   * offsets where a keyword, here an anchor, occurs (ASCII case folded), which is the sequence of
   * positions {@link #scan(CharSequence)} finds with {@code indexOf} and {@code anchorAt}.
   */
  @Override
  public List<Finding> scan(CharSequence input, int[] keywordStarts) {
    if (!anchorsAreKeywords) {
      return scan(input);
    }
    String text = input.toString();
    Attempts attempts = new Attempts(text);
    for (int i : keywordStarts) {
      attempts.at(i);
    }
    return attempts.findings;
  }

  /** Pattern attempts over one text, in ascending anchor order. */
  private final class Attempts {
    final String text;
    final List<Finding> findings = new ArrayList<>(2);
    Matcher m;
    int tried; // every start position below this has been attempted or lies inside a match

    Attempts(String text) {
      this.text = text;
    }

    /** Attempts the pattern from up to maxAnchorOffset before the anchor at {@code i} to it. */
    void at(int i) {
      if (m == null) {
        m = pattern.matcher(text);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
      }
      int n = text.length();
      int s = Math.max(tried, i - maxAnchorOffset);
      while (s <= i) {
        m.region(s, n);
        if (m.lookingAt()) {
          int group = m.groupCount() >= 1 ? 1 : 0;
          String candidate = m.group(group);
          if (candidate != null && valid.test(candidate)) {
            findings.add(
                new Finding(id, type, family, severity, confidence, m.start(group), m.end(group)));
          }
          s = Math.max(m.end(), s + 1);
        } else {
          s++;
        }
        tried = s;
      }
    }
  }

  @Override
  public List<Finding> scan(CharSequence input) {
    // One String for the whole scan: monomorphic charAt in the hot loop (identity for a String).
    String text = input.toString();
    Attempts attempts = new Attempts(text);
    // Next occurrence of each first character (both cases): String.indexOf is vectorised, so
    // text without anchor characters is skipped at memory speed.
    int[] next = new int[firstChars.length];
    for (int k = 0; k < firstChars.length; k++) {
      next[k] = text.indexOf(firstChars[k]);
    }
    while (true) {
      int i = Integer.MAX_VALUE;
      for (int p : next) {
        if (p >= 0 && p < i) {
          i = p;
        }
      }
      if (i == Integer.MAX_VALUE) {
        break;
      }
      for (int k = 0; k < next.length; k++) {
        if (next[k] == i) {
          next[k] = text.indexOf(firstChars[k], i + 1);
        }
      }
      if (anchorAt(text, i)) {
        attempts.at(i);
      }
    }
    return attempts.findings;
  }

  private boolean anchorAt(String text, int at) {
    for (char[] anchor : anchorsByFirstChar[lower(text.charAt(at))]) {
      if (at + anchor.length > text.length()) {
        continue;
      }
      int k = 1;
      while (k < anchor.length && lower(text.charAt(at + k)) == anchor[k]) {
        k++;
      }
      if (k == anchor.length) {
        return true;
      }
    }
    return false;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }
}
