package dev.tether.core.rules.tradesecret;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.core.policy.CustomRule;
import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomRuleDetectorTest {

  private static CustomRuleDetector detector(String pattern, String... keywords) {
    CustomRule rule =
        new CustomRule("r1", "test", pattern, Severity.CRITICAL, List.of(keywords)).validated("r");
    return new CustomRuleDetector(rule, "r.pattern");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          nested quantifier, exponential in java.util.regex ; (a+)+$       ; a      ; 100000
          overlapping alternation                           ; (a|aa)+$     ; a      ; 100000
          nested group with optional separator              ; (\\w+\\s?)+$ ; word   ; 25000
          """)
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void scan_catastrophicBacktrackingShape_completesOnAdversarialInput(
      String note, String pattern, String unit, int repeats) {
    String adversarial = unit.repeat(repeats) + "!";

    List<Finding> findings = detector(pattern).scan(adversarial);

    assertEquals(List.of(), findings);
  }

  @Test
  void scan_ticketPattern_findsExactSpans() {
    Marked m = Marked.of("see [[ACME-1234]] and [[ACME-99999]], not ACME-12");

    List<Finding> findings = detector("ACME-[0-9]{4,}", "acme-").scan(m.text());

    assertEquals(m.spans(), Marked.spansOf(findings));
    Finding f = findings.get(0);
    assertEquals("custom-r1", f.detectorId());
    assertEquals("custom-r1", f.type());
    assertEquals(DetectorFamilies.CUSTOM_RULES, f.family());
    assertEquals(Severity.CRITICAL, f.severity());
  }

  @Test
  void keywords_areTheRulesLowercased() {
    assertEquals(Set.of("acme-"), detector("ACME-[0-9]{4,}", "ACME-").keywords());
  }

  @Test
  void scan_nestedQuantifier_stillMatchesWhereItShould() {
    assertEquals(List.of("1-4"), Marked.spansOf(detector("(a+)+$").scan("baaa")));
  }
}
