package dev.tether.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A test detector: a pattern, prefilter keywords, and a count of how often it scanned. */
final class CountingDetector implements Detector {
  final String id;
  final Set<String> keywords;
  final Pattern pattern;
  final Severity severity;
  final AtomicInteger scans = new AtomicInteger();

  CountingDetector(String id, Set<String> keywords, String regex, Severity severity) {
    this.id = id;
    this.keywords = keywords;
    this.pattern = Pattern.compile(regex);
    this.severity = severity;
  }

  CountingDetector(String id, Set<String> keywords, String regex) {
    this(id, keywords, regex, Severity.HIGH);
  }

  @Override
  public String family() {
    return "test-family";
  }

  @Override
  public Set<String> keywords() {
    return keywords;
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    scans.incrementAndGet();
    List<Finding> findings = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      findings.add(new Finding(id, id, family(), severity, 0.9, matcher.start(), matcher.end()));
    }
    return findings;
  }
}
