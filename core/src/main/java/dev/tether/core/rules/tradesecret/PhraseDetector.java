package dev.tether.core.rules.tradesecret;

import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds policy-defined literals (markers, code names, dictionary words, package prefixes) as whole
 * words: where a literal begins (ends) with a letter, digit or underscore, the text must not
 * continue with one before (after) it, so {@code CONFIDENTIAL} is not found inside {@code
 * CONFIDENTIALITY}. Overlapping hits keep the leftmost, then the longest.
 *
 * <p>In qualified-name mode (package prefixes) a hit extends over the rest of the qualified name
 * ({@code com.acme.billing.Invoice}, {@code @acme/ui-kit/button}), so redaction covers it whole.
 */
final class PhraseDetector implements Detector {
  /**
   * Most hits collected from one text; the scan stops there (a text with this many markers is
   * decided), which also bounds the work on adversarial dictionaries of nested phrases.
   */
  static final int MAX_HITS = 100_000;

  /** Longest qualified name a package-prefix hit is extended over. */
  static final int MAX_QUALIFIED_NAME = 256;

  private final String id;
  private final String type;
  private final String family;
  private final Severity severity;
  private final double confidence;
  private final boolean qualifiedNames;
  private final List<String> literals;
  private final LiteralMatcher matcher;
  private final Set<String> keywords;

  PhraseDetector(
      String id,
      String type,
      String family,
      Severity severity,
      double confidence,
      List<String> phrases,
      boolean qualifiedNames) {
    this.id = id;
    this.type = type;
    this.family = family;
    this.severity = severity;
    this.confidence = confidence;
    this.qualifiedNames = qualifiedNames;
    this.literals = phrases.stream().map(LiteralMatcher::normalise).toList();
    this.matcher = new LiteralMatcher(literals);
    Set<String> words = new HashSet<>();
    for (String literal : literals) {
      words.add(longestPiece(literal));
    }
    this.keywords = Set.copyOf(words);
  }

  @Override
  public String family() {
    return family;
  }

  /** For each literal, its longest space-free piece, which is present in every hit. */
  @Override
  public Set<String> keywords() {
    return keywords;
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    List<int[]> spans = new ArrayList<>();
    matcher.scan(
        text,
        new LiteralMatcher.Hits() {
          @Override
          public boolean mayEndAt(int end) {
            // Every literal ending here ends with the same character as the text does.
            return !(isWordChar(text.charAt(end - 1))
                && end < text.length()
                && isWordChar(text.charAt(end)));
          }

          @Override
          public boolean hit(int literal, int start, int end) {
            if (bounded(text, literals.get(literal), start, end)) {
              spans.add(new int[] {start, qualifiedNames ? extendName(text, end) : end});
            }
            return spans.size() < MAX_HITS;
          }
        });
    List<Finding> findings = new ArrayList<>();
    for (int[] span : Spans.leftmostLongest(spans)) {
      findings.add(new Finding(id, type, family, severity, confidence, span[0], span[1]));
    }
    return findings;
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static boolean bounded(CharSequence text, String word, int start, int end) {
    if (isWordChar(word.charAt(0)) && start > 0 && isWordChar(text.charAt(start - 1))) {
      return false;
    }
    return !(isWordChar(word.charAt(word.length() - 1))
        && end < text.length()
        && isWordChar(text.charAt(end)));
  }

  private static int extendName(CharSequence text, int end) {
    int limit = Math.min(text.length(), end + MAX_QUALIFIED_NAME);
    int e = end;
    while (e < limit && isNameChar(text.charAt(e))) {
      e++;
    }
    while (e > end && !isWordChar(text.charAt(e - 1)) && text.charAt(e - 1) != '$') {
      e--;
    }
    return e;
  }

  private static boolean isNameChar(char c) {
    return isWordChar(c) || c == '.' || c == '/' || c == '-' || c == '$';
  }

  private static String longestPiece(String literal) {
    String best = "";
    for (String piece : literal.split(" ")) {
      if (piece.length() > best.length()) {
        best = piece;
      }
    }
    return best;
  }
}
