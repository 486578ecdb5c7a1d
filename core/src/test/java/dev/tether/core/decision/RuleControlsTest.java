package dev.tether.core.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleControlsTest {
  static final PolicyDocument POLICY =
      new PolicyDocument(
              "r",
              List.of(),
              List.of("*.shadow-ai.example"),
              Map.of("cloud-credentials", ResponseMode.REDACT),
              ResponseMode.ALLOW,
              "P1D")
          .validated();

  @Test
  void fromFindings_oneControlPerFamilyWithThePolicyMode_neverTheText() {
    String secret = "AKIAQ3EGT5ZRWJ7LUN4F";
    String text =
        "key "
            + secret
            + " and aws_secret_access_key="
            + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKE";
    List<Finding> findings = RuleEngine.standard().scan(text);
    List<Control> controls = RuleControls.fromFindings(POLICY, findings);
    assertEquals(1, controls.size(), controls.toString());
    Control c = controls.get(0);
    assertEquals(AuditLayer.RULE, c.layer());
    assertEquals(ResponseMode.REDACT, c.mode());
    assertEquals("credential_detected", c.code());
    assertEquals(findings.size(), c.findingCount());
    assertTrue(c.redactable());
    assertFalse(c.toString().contains(secret));
    assertFalse(c.reason().contains(secret));

    Control attached = RuleControls.fromFindings(POLICY, findings, "attachment").get(0);
    assertFalse(attached.redactable());
    assertTrue(attached.reason().contains("in attachment"), attached.reason());
  }

  @Test
  void blockedDestination_onlyForBlockedHosts() {
    assertEquals(
        "destination_blocked",
        RuleControls.blockedDestination(POLICY, "chat.shadow-ai.example").orElseThrow().code());
    assertTrue(RuleControls.blockedDestination(POLICY, "api.openai.com").isEmpty());
  }
}
