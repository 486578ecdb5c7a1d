package dev.tether.core.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.tether.core.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A pattern an administrator wrote into the policy, compiled with RE2/J (linear time: no pattern
 * can make an agent hang). Findings have type {@code custom-<id>} and family {@code custom-rules}.
 *
 * @param id lowercase id of {@code [a-z0-9-]}, at most {@value #MAX_ID_CHARS} characters, unique in
 *     the policy
 * @param description what the rule is for, shown in the console and block messages (optional, at
 *     most {@value #MAX_DESCRIPTION_CHARS} characters)
 * @param pattern RE2 syntax (no backreferences or look-around), at most {@value #MAX_PATTERN_CHARS}
 *     characters; must not match the empty string nor most of ordinary text
 * @param severity severity of every finding; default {@link #DEFAULT_SEVERITY}
 * @param keywords optional prefilter literals: the rule is skipped on texts containing none of them
 *     (case-insensitive), so every match must contain one; at most {@value #MAX_KEYWORDS}
 */
public record CustomRule(
    String id, String description, String pattern, Severity severity, List<String> keywords) {
  public static final int MAX_ID_CHARS = 57;
  public static final int MAX_DESCRIPTION_CHARS = 500;
  public static final int MAX_PATTERN_CHARS = 1000;
  public static final int MAX_KEYWORDS = 20;
  public static final int MAX_KEYWORD_CHARS = 100;
  public static final Severity DEFAULT_SEVERITY = Severity.HIGH;

  /** Largest pattern accepted once counted repetitions are expanded (see {@link PatternSize}). */
  public static final long MAX_EXPANDED_SIZE = 20_000;

  public CustomRule {
    keywords = PolicyChecks.copy(keywords);
  }

  /**
   * This rule checked, with defaults filled and keywords lowercased.
   *
   * @throws PolicyValidationException naming {@code key} and the field: an id that is not an id, a
   *     pattern that does not compile, is too large, matches the empty string or matches most of
   *     ordinary text
   */
  public CustomRule validated(String key) {
    String checkedId = PolicyChecks.id(key + ".id", id, MAX_ID_CHARS);
    String text = description == null ? "" : description.strip();
    if (text.length() > MAX_DESCRIPTION_CHARS) {
      throw new PolicyValidationException(
          key + ".description: at most " + MAX_DESCRIPTION_CHARS + " characters allowed");
    }
    compile(key + ".pattern");
    List<String> words =
        PolicyChecks.phrases(key + ".keywords", keywords, MAX_KEYWORDS, 1, MAX_KEYWORD_CHARS);
    List<String> lower = new ArrayList<>();
    for (String word : words) {
      lower.add(word.toLowerCase(Locale.ROOT));
    }
    return new CustomRule(
        checkedId, text, pattern, severity == null ? DEFAULT_SEVERITY : severity, lower);
  }

  /**
   * The compiled pattern, after the size, compile and breadth checks.
   *
   * @throws PolicyValidationException naming {@code key} if any check fails
   */
  public Pattern compile(String key) {
    if (pattern == null || pattern.isEmpty() || pattern.length() > MAX_PATTERN_CHARS) {
      throw new PolicyValidationException(
          key
              + ": expected 1 to "
              + MAX_PATTERN_CHARS
              + " characters, got "
              + (pattern == null ? "null" : pattern.length() + " characters"));
    }
    long size = PatternSize.estimate(pattern);
    if (size > MAX_EXPANDED_SIZE) {
      throw new PolicyValidationException(
          key
              + ": too large once repetitions are expanded (about "
              + size
              + " atoms, at most "
              + MAX_EXPANDED_SIZE
              + "), got "
              + PolicyChecks.echo(pattern));
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new PolicyValidationException(key + ": does not compile: " + e.getMessage());
    }
    CustomRuleLint.rejectOverlyBroad(key, pattern, compiled);
    return compiled;
  }

  /** Advice for the console that does not block saving (broad patterns, missing keywords). */
  public List<String> warnings(String key) {
    List<String> warnings = new ArrayList<>();
    Pattern compiled = compile(key + ".pattern");
    CustomRuleLint.warnIfBroad(key + ".pattern", compiled).ifPresent(warnings::add);
    if (keywords.isEmpty()) {
      warnings.add(key + ".keywords: none given, so the rule runs on every inspected text");
    }
    String lowerPattern = pattern.toLowerCase(Locale.ROOT);
    for (int i = 0; i < keywords.size(); i++) {
      String keyword = keywords.get(i) == null ? "" : keywords.get(i).toLowerCase(Locale.ROOT);
      if (!lowerPattern.contains(keyword)) {
        warnings.add(
            key
                + ".keywords["
                + i
                + "]: "
                + PolicyChecks.echo(keyword)
                + " does not appear in the pattern; texts without it are never matched");
      }
    }
    return warnings;
  }
}
