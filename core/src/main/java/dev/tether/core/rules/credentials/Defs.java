package dev.tether.core.rules.credentials;

import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.AnchoredRegexDetector;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Two shapes cover most credential detectors: a self-identifying token (documented prefix, fixed
 * charset and length) and a keyed value (no prefix, so the key it is assigned to must name the
 * provider). Both build linear-time patterns: bounded, mostly possessive quantifiers, no nesting.
 */
final class Defs {
  private Defs() {}

  /** Characters that may not touch a token on either side. */
  private static final String BEFORE = "(?<![A-Za-z0-9_-])";

  private static final String AFTER = "(?![A-Za-z0-9_-])";

  /**
   * Key name (case-insensitive, with any suffix such as {@code _KEY}), an optional closing quote,
   * an assignment ({@code =}, {@code :}, {@code :=}, {@code =>} or a single space as in headers and
   * CLI flags), an optional opening quote.
   */
  private static final String ASSIGN =
      "[A-Za-z0-9_.-]{0,24}+[\"']?[ \\t]{0,4}(?:=>|:=|=|:|[ \\t])[ \\t]{0,4}[\"']?";

  /** A prefixed token: {@code body} is the whole token, checked by {@link Values#plausible}. */
  static Detector token(
      String id,
      String type,
      String family,
      Severity severity,
      double confidence,
      Set<String> keywords,
      String body) {
    return token(id, type, family, severity, confidence, keywords, body, v -> true);
  }

  /** A prefixed token with an extra validation (checksum, entropy, marker). */
  static Detector token(
      String id,
      String type,
      String family,
      Severity severity,
      double confidence,
      Set<String> keywords,
      String body,
      Predicate<String> valid) {
    return token(id, type, family, severity, confidence, keywords, body, valid, 0);
  }

  /**
   * A token whose keywords may sit up to {@code keywordOffset} characters after its start (e.g. the
   * {@code AZDO} signature inside an Azure DevOps PAT).
   */
  static Detector token(
      String id,
      String type,
      String family,
      Severity severity,
      double confidence,
      Set<String> keywords,
      String body,
      Predicate<String> valid,
      int keywordOffset) {
    return anchored(
        id,
        type,
        family,
        severity,
        confidence,
        keywords,
        keywordOffset,
        BEFORE + "(" + body + ")" + AFTER,
        v -> Values.plausible(v) && valid.test(v));
  }

  /**
   * A detector whose pattern is tried only where one of {@code keywords} occurs, starting at most
   * {@code keywordOffset} characters before it.
   */
  static Detector anchored(
      String id,
      String type,
      String family,
      Severity severity,
      double confidence,
      Set<String> keywords,
      int keywordOffset,
      String regex,
      Predicate<String> valid) {
    return new AnchoredRegexDetector(
        id,
        type,
        family,
        severity,
        confidence,
        keywords,
        keywords,
        keywordOffset,
        Pattern.compile(regex),
        valid);
  }

  /**
   * A value with no prefix of its own, found only when assigned to a key matching {@code key}
   * (case-insensitive; it must not start right after a letter or digit). Every alternative of
   * {@code key} must begin with one of {@code keywords}. The value must have entropy above {@code
   * minEntropy} bits per character.
   */
  static Detector keyed(
      String id,
      String type,
      String family,
      Severity severity,
      double confidence,
      Set<String> keywords,
      String key,
      String value,
      double minEntropy) {
    return anchored(
        id,
        type,
        family,
        severity,
        confidence,
        keywords,
        0,
        "(?<![A-Za-z0-9])(?i:" + key + ")" + ASSIGN + "(" + value + ")(?![A-Za-z0-9_+/=-])",
        v -> Values.plausible(v, minEntropy) && !Values.isReference(v));
  }
}
