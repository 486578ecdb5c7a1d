package dev.tether.core.rules.support;

import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector defined by a pattern (whose group 1, or the whole match when it has no group, is the
 * secret) and a validation applied to that candidate. Patterns must be linear-time (no nested
 * quantifiers); the candidate never leaves this class, only its span.
 */
public final class RegexDetector implements Detector {
  private final String id;
  private final String type;
  private final String family;
  private final Severity severity;
  private final double confidence;
  private final Set<String> keywords;
  private final Pattern pattern;
  private final Predicate<String> valid;

  /**
   * @param id detector id, e.g. {@code aws-access-key-id}
   * @param type data type, e.g. {@code aws-access-key}
   * @param family policy family, e.g. {@code cloud-credentials}
   * @param severity severity of every finding
   * @param confidence confidence of every finding that passes {@code valid}
   * @param keywords prefilter literals (lowercase); see {@link Detector#keywords()}
   * @param pattern linear-time pattern; group 1 (or the whole match) is the candidate
   * @param valid validation of the candidate (checksum, entropy, placeholder check)
   */
  public RegexDetector(
      String id,
      String type,
      String family,
      Severity severity,
      double confidence,
      Set<String> keywords,
      Pattern pattern,
      Predicate<String> valid) {
    this.id = Objects.requireNonNull(id);
    this.type = Objects.requireNonNull(type);
    this.family = Objects.requireNonNull(family);
    this.severity = Objects.requireNonNull(severity);
    this.confidence = confidence;
    this.keywords = Set.copyOf(keywords);
    this.pattern = Objects.requireNonNull(pattern);
    this.valid = Objects.requireNonNull(valid);
  }

  public String id() {
    return id;
  }

  @Override
  public Set<String> keywords() {
    return keywords;
  }

  @Override
  public String family() {
    return family;
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    List<Finding> findings = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    int group = matcher.groupCount() >= 1 ? 1 : 0;
    while (matcher.find()) {
      String candidate = matcher.group(group);
      if (candidate != null && valid.test(candidate)) {
        findings.add(
            new Finding(
                id, type, family, severity, confidence, matcher.start(group), matcher.end(group)));
      }
    }
    return findings;
  }
}
