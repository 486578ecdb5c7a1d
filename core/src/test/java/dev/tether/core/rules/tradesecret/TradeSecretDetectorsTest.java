package dev.tether.core.rules.tradesecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.policy.CustomRule;
import dev.tether.core.policy.Dictionary;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.PolicyValidationException;
import dev.tether.core.policy.TradeSecrets;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TradeSecretDetectorsTest {
  private static final PolicyDocument POLICY =
      new PolicyDocument(
          "p",
          List.of(),
          List.of(),
          Map.of(),
          null,
          null,
          new TradeSecrets(
              List.of("CONFIDENTIAL"),
              List.of("corp.acme.com"),
              List.of("com.acme."),
              List.of("Bluebird"),
              List.of(new Dictionary("customers", List.of("Initech"))),
              List.of(),
              List.of(new CustomRule("ticket", null, "ACME-[0-9]{4,}", null, List.of("acme-")))));

  @Test
  void forPolicy_withoutSection_definesNothing() {
    PolicyDocument empty = new PolicyDocument("p", List.of(), List.of(), Map.of(), null, null);

    assertEquals(List.of(), TradeSecretDetectors.forPolicy(empty));
  }

  @Test
  void forPolicy_everyKindReportsItsIdAndType() {
    String text =
        "CONFIDENTIAL: Bluebird for Initech, see wiki.corp.acme.com and com.acme.billing.Api,"
            + " ticket ACME-1234";

    List<String> found =
        TradeSecretDetectors.forPolicy(POLICY).stream()
            .flatMap(d -> d.scan(text).stream())
            .map(f -> f.detectorId() + "/" + f.type() + " " + text.substring(f.start(), f.end()))
            .toList();

    assertThat(found)
        .containsExactlyInAnyOrder(
            "trade-secret-marker/confidential-marker CONFIDENTIAL",
            "code-name/code-name Bluebird",
            "dictionary-customers/dictionary-customers Initech",
            "internal-domain/internal-hostname wiki.corp.acme.com",
            "internal-package-prefix/internal-package com.acme.billing.Api",
            "custom-ticket/custom-ticket ACME-1234");
  }

  @Test
  void forPolicy_literalDetectors_declareKeywords() {
    for (Detector d : TradeSecretDetectors.forPolicy(POLICY)) {
      assertThat(d.keywords()).isNotEmpty().allMatch(k -> k.equals(k.toLowerCase()));
    }
  }

  @Test
  void ruleEngine_forPolicy_includesPolicyDetectors() {
    List<Finding> findings = RuleEngine.forPolicy(POLICY).scan("the Bluebird launch");

    assertThat(findings).extracting(Finding::type).contains("code-name");
  }

  @Test
  void forPolicy_unvalidatedBadRule_isRejected() {
    PolicyDocument bad =
        new PolicyDocument(
            "p",
            List.of(),
            List.of(),
            Map.of(),
            null,
            null,
            new TradeSecrets(
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new CustomRule("x", null, ".*", null, null))));

    PolicyValidationException e =
        assertThrows(PolicyValidationException.class, () -> TradeSecretDetectors.forPolicy(bad));
    assertThat(e.getMessage()).startsWith("policy.tradeSecrets.customRules[0].pattern");
  }
}
