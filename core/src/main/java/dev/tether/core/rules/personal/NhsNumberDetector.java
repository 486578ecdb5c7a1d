package dev.tether.core.rules.personal;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.ContextWords;
import dev.tether.core.rules.support.KeywordWindows;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * UK NHS numbers near the word "NHS": ten digits, as {@code 943 476 5919}, {@code 943-476-5919} or
 * contiguous, passing the mod-11 check digit. Without context a random ten-digit number passes one
 * time in eleven, so context is required.
 */
final class NhsNumberDetector implements Detector {
  static final String ID = "uk-nhs-number";
  private static final List<String> KEYWORDS = List.of("nhs");
  private static final KeywordWindows WINDOWS = KeywordWindows.of(KEYWORDS);
  private static final Pattern NHS =
      Pattern.compile("(?<![\\w.-])(\\d{3})([- ]?)(\\d{3})\\2(\\d{4})(?![\\w-]|\\.\\d)");
  private static final Scoring SCORING =
      new Scoring(
          ContextWords.of(40, 10, "nhs number", "nhs no", "nhs#", "patient"),
          ContextWords.of(30, 5, "phone", "tel", "order", "invoice", "test", "fake"),
          0.1,
          0.4);

  @Override
  public String family() {
    return DetectorFamilies.GOVERNMENT_IDS;
  }

  @Override
  public Set<String> keywords() {
    return Set.copyOf(KEYWORDS);
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    List<Finding> findings = new ArrayList<>();
    InContext.forEachMatch(
        text,
        WINDOWS,
        80,
        80,
        NHS,
        m -> {
          String digits = m.group(1) + m.group(3) + m.group(4);
          if (Checksums.allSame(digits) || !Checksums.nhsValid(digits)) {
            return;
          }
          double base = m.group(2).isEmpty() ? 0.75 : 0.85;
          findings.add(
              new Finding(
                  ID,
                  "uk-nhs-number",
                  family(),
                  Severity.HIGH,
                  SCORING.score(base, text, m.start(), m.end()),
                  m.start(),
                  m.end()));
        });
    return findings;
  }
}
