package dev.tether.core.rules.tradesecret;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.tether.core.policy.CustomRule;
import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One administrator-written rule, compiled with RE2/J: matching time is linear in the text length
 * for every pattern (no backtracking), so a rule such as {@code (a+)+$} cannot hang an agent.
 * Detector id and finding type are both {@code custom-<rule id>}.
 */
final class CustomRuleDetector implements Detector {
  /** Confidence of a custom-rule finding: the administrator asserted the pattern. */
  static final double CONFIDENCE = 0.9;

  private final String id;
  private final CustomRule rule;
  private final Pattern pattern;
  private final Set<String> keywords;

  /**
   * @param rule a validated rule ({@link CustomRule#validated})
   */
  CustomRuleDetector(CustomRule rule, String key) {
    this.id = "custom-" + rule.id();
    this.rule = rule;
    this.pattern = rule.compile(key);
    this.keywords = Set.copyOf(rule.keywords());
  }

  @Override
  public String family() {
    return DetectorFamilies.CUSTOM_RULES;
  }

  /** The rule's keywords, as the administrator declared them (empty: always run). */
  @Override
  public Set<String> keywords() {
    return keywords;
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    List<Finding> findings = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      // Validation rejects patterns that match the empty string; skip any that slip through.
      if (matcher.end() > matcher.start()) {
        findings.add(
            new Finding(
                id,
                id,
                DetectorFamilies.CUSTOM_RULES,
                rule.severity(),
                CONFIDENCE,
                matcher.start(),
                matcher.end()));
      }
    }
    return findings;
  }
}
