package dev.tether.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector defined by a pattern (whose group 1, or the whole match when it has no group, is the
 * secret) and a validation applied to that candidate. Patterns must be linear-time (no nested
 * quantifiers); the candidate never leaves this class, only its span.
 */
final class RegexDetector implements Detector {
  private final String id;
  private final String family;
  private final Pattern pattern;
  private final Predicate<String> valid;

  RegexDetector(String id, String family, Pattern pattern, Predicate<String> valid) {
    this.id = Objects.requireNonNull(id);
    this.family = Objects.requireNonNull(family);
    this.pattern = Objects.requireNonNull(pattern);
    this.valid = Objects.requireNonNull(valid);
  }

  String id() {
    return id;
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
        findings.add(new Finding(id, family, matcher.start(group), matcher.end(group)));
      }
    }
    return findings;
  }
}
