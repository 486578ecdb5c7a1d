package dev.tether.core.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.core.policy.JudgeSettings;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ResponseMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JudgeModesTest {
  static final PolicyDocument DEFAULTS =
      new PolicyDocument(
          "modes",
          List.of(),
          List.of(),
          Map.of("cloud-credentials", ResponseMode.REDACT),
          ResponseMode.ALLOW,
          "P1D");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "secret exposure, no findings: label default | code-review-with-secret-exposure | | BLOCK",
        "secret exposure explained by a cloud key: the rule mode decides"
            + " | code-review-with-secret-exposure | cloud-credentials | REDACT",
        "benign label ignores findings | generic-code-assistance | cloud-credentials | ALLOW",
        "circumvention is never deferred | policy-circumvention | cloud-credentials | BLOCK",
      })
  void modeFor_defaultsDeferToRuleModesForTheirEvidence(
      String note, String label, String family, ResponseMode expected) {
    Map<String, Integer> counts = family == null ? Map.of() : Map.of(family, 1);
    assertEquals(expected, JudgeModes.modeFor(DEFAULTS, label, counts), note);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "explicit mapping wins over deferral | cloud-credentials | BLOCK",
        "explicit mapping without findings | | BLOCK",
      })
  void modeFor_explicitMappingWins(String note, String family, ResponseMode expected) {
    PolicyDocument explicit =
        DEFAULTS.withJudge(
            new JudgeSettings(
                null,
                Map.of("code-review-with-secret-exposure", ResponseMode.BLOCK),
                null,
                null,
                null,
                null,
                null));
    Map<String, Integer> counts = family == null ? Map.of() : Map.of(family, 1);
    assertEquals(
        expected, JudgeModes.modeFor(explicit, "code-review-with-secret-exposure", counts), note);
  }

  @org.junit.jupiter.api.Test
  void decisionConfidence_sumsLabelsAnsweringTheSameMode() {
    Map<String, Double> scores =
        Map.of(
            "generic-code-assistance", 0.52,
            "public-reference-lookup", 0.40,
            "policy-circumvention", 0.08);
    // Both top labels answer ALLOW: the response is 92 % sure although the label is 52 %.
    assertEquals(
        0.92,
        JudgeModes.decisionConfidence(DEFAULTS, "generic-code-assistance", scores, Map.of()),
        1e-9);
    // The circumvention label answers BLOCK alone.
    assertEquals(
        0.08,
        JudgeModes.decisionConfidence(DEFAULTS, "policy-circumvention", scores, Map.of()),
        1e-9);
  }
}
