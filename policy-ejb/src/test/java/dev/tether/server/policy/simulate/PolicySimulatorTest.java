package dev.tether.server.policy.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.AiDestination;
import dev.tether.core.policy.JudgeSettings;
import dev.tether.core.policy.ModeOverride;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ProxySettings;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.policy.ResponseSettings;
import dev.tether.core.rules.RuleEngine;
import dev.tether.server.policy.PolicyUnderTest;
import dev.tether.server.policy.judge.CloudJudgeModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator on real parts: the policy's rule engine, the server's cloud judge model and the
 * shared decision code. Asserts what fires, the overrides applied, the resulting mode and the body
 * the developer would see, and that no finding's value is ever echoed.
 */
class PolicySimulatorTest {
  static final String KEY = "AKIAQ3EGT5ZRWJ7LUN4F";
  static final String WITH_KEY =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
          + "\"why does this fail? aws_access_key_id = "
          + KEY
          + "\"}]}";
  static final String BENIGN =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
          + "\"how do I reverse a list in python?\"}]}";

  static CloudJudgeModel model;

  @BeforeAll
  static void loadJudge() throws Exception {
    model = CloudJudgeModel.load();
  }

  @AfterAll
  static void closeJudge() {
    model.close();
  }

  static PolicyDocument policy(List<ModeOverride> overrides) {
    return new PolicyDocument(
            "Sim policy",
            List.of(new AiDestination("api.openai.com", Provider.OPENAI)),
            List.of("*.shadow-ai.example"),
            Map.of("cloud-credentials", ResponseMode.BLOCK),
            ResponseMode.ALLOW,
            "P7D")
        .withResponses(new ResponseSettings(overrides, null, null, null, null))
        .validated();
  }

  static Simulation run(PolicyDocument doc, String payload, String host, String app) {
    return run(doc, payload, host, app, model::judge);
  }

  static Simulation run(
      PolicyDocument doc,
      String payload,
      String host,
      String app,
      SimulationRun.Classifier classifier) {
    return new SimulationRun(
            new PolicyUnderTest(doc, "request", 0),
            new SimulationRequest(payload, host, app, null, null),
            RuleEngine.forPolicy(doc),
            classifier)
        .run();
  }

  @Test
  void credential_blocked_findingShownRedacted_neverEchoed() {
    Simulation s = run(policy(List.of()), WITH_KEY, "api.openai.com", null);

    assertEquals(ResponseMode.BLOCK, s.decision().mode());
    assertEquals("credential_detected", s.decision().code());
    assertEquals("intercepted", s.destination().scope());
    assertThat(s.stages()).containsSubsequence("destination-rules", "detectors", "policy-mapping");
    Simulation.FindingView f = s.findings().get(0);
    assertEquals("aws-access-key-id", f.detectorId());
    assertEquals(KEY, WITH_KEY.substring(f.start(), f.end()));
    assertThat(f.preview()).contains("[AWS_ACCESS_KEY_1]");
    assertThat(s.redactedPayload()).contains("[AWS_ACCESS_KEY_1]");
    assertFalse(s.response().forwarded());
    assertEquals(403, s.response().status());
    assertThat(s.response().body())
        .contains("Blocked by Tether (policy 'Sim policy' version 0)")
        .contains("\"type\":\"tether_policy_violation\"");
    // The whole answer, as the API serialises it, never carries the key.
    String json = new String(JsonCodec.write(s), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json).doesNotContain(KEY).doesNotContain(KEY.substring(4));
    // The rule already blocks: the agent does not run the judge, and neither does this.
    assertFalse(s.judge().available());
  }

  @Test
  void judge_classifiesWithTheServerModel_andTheLabelModeApplies() {
    Simulation s = run(policy(List.of()), BENIGN, "api.openai.com", null);
    assertTrue(s.judge().available(), s.judge().outcome());
    assertNotNull(s.judge().label());
    assertThat(s.judge().model()).contains("@");
    assertThat(s.controls()).anyMatch(c -> c.layer() == AuditLayer.JUDGE);
    assertEquals(
        dev.tether.core.decision.JudgeModes.modeFor(policy(List.of()), s.judge().label(), Map.of()),
        s.judge().mode());
  }

  @Test
  void perAppOverride_appliesToItsAppOnly() {
    String label = run(policy(List.of()), BENIGN, "api.openai.com", null).judge().label();
    PolicyDocument doc =
        policy(
            List.of(
                new ModeOverride(null, "shadow-tool", null, null, ResponseMode.BLOCK),
                new ModeOverride(null, "/usr/share/code/*", null, label, ResponseMode.WARN)));

    Simulation shadow = run(doc, BENIGN, "api.openai.com", "/opt/bin/shadow-tool");
    assertEquals(ResponseMode.BLOCK, shadow.decision().mode());
    assertThat(shadow.decision().reason()).contains("policy override for app shadow-tool");
    Simulation.ControlView judged =
        shadow.controls().stream().filter(c -> c.layer() == AuditLayer.JUDGE).findFirst().get();
    assertEquals(0, judged.override().index());

    Simulation ide = run(doc, BENIGN, "api.openai.com", "/usr/share/code/code");
    assertEquals(ResponseMode.WARN, ide.decision().mode());
    assertEquals(1, ide.controls().get(0).override().index());
    assertTrue(ide.response().forwarded());

    Simulation other = run(doc, BENIGN, "api.openai.com", "/usr/bin/python3");
    assertNull(other.controls().get(0).override());
  }

  @Test
  void noJudge_saysSoAndWhatThePolicyWouldDo() {
    Simulation s =
        run(
            policy(List.of()),
            BENIGN,
            "api.openai.com",
            null,
            r -> {
              throw new IllegalStateException("judge: the cloud judge model is loading");
            });
    assertFalse(s.judge().available());
    assertThat(s.judge().outcome())
        .contains("no judge available")
        .contains("model is loading")
        .contains("fail-safe COACH");
    assertEquals(ResponseMode.ALLOW, s.decision().mode());
  }

  @Test
  void redactPolicy_forwardsWithPlaceholders() {
    PolicyDocument doc =
        new PolicyDocument(
                "Redact",
                List.of(new AiDestination("api.anthropic.com", Provider.ANTHROPIC)),
                List.of(),
                Map.of("cloud-credentials", ResponseMode.REDACT),
                ResponseMode.ALLOW,
                "P7D")
            .withJudge(new JudgeSettings(false, null, null, null, null, null, null))
            .validated();
    Simulation s = run(doc, WITH_KEY, "api.anthropic.com", null);
    assertEquals(ResponseMode.REDACT, s.decision().mode());
    assertEquals(List.of("aws-access-key-id"), s.decision().redactDetectors());
    assertTrue(s.response().forwarded());
    assertThat(s.response().note()).contains("typed placeholders");
  }

  @Test
  void coach_answersInTheProvidersShapeWithTheStatusPageLink() {
    PolicyDocument doc =
        new PolicyDocument(
                "Coach",
                List.of(new AiDestination("api.anthropic.com", Provider.ANTHROPIC)),
                List.of(),
                Map.of("cloud-credentials", ResponseMode.COACH),
                ResponseMode.ALLOW,
                "P7D")
            .withJudge(new JudgeSettings(false, null, null, null, null, null, null))
            .validated();
    Simulation s = run(doc, WITH_KEY, "api.anthropic.com", null);
    assertEquals(ResponseMode.COACH, s.decision().mode());
    assertEquals("ANTHROPIC", s.response().provider());
    assertThat(s.response().body())
        .startsWith("{\"error\":{\"message\":\"Held by Tether")
        .contains("permission_error")
        .contains(Responses.STATUS_PAGE);
  }

  @Test
  void blockedDestination_refusedBeforeInspection() {
    Simulation s = run(policy(List.of()), WITH_KEY, "chat.shadow-ai.example", null);
    assertEquals("blocked", s.destination().scope());
    assertEquals("destination_blocked", s.decision().code());
    assertThat(s.findings()).isEmpty();
    assertThat(s.stages()).doesNotContain("detectors");
  }

  @Test
  void unlistedHost_tunnelled_orRefusedWhenInspectAllAndAiShaped() {
    Simulation tunnelled = run(policy(List.of()), WITH_KEY, "llm.internal.example", null);
    assertEquals("not-listed", tunnelled.destination().scope());
    assertTrue(tunnelled.response().forwarded());

    PolicyDocument inspectAll =
        policy(List.of())
            .withProxy(new ProxySettings(true, null, null, null, null, null))
            .validated();
    Simulation refused = run(inspectAll, BENIGN, "llm.internal.example", null);
    assertEquals("unrecognised_ai_endpoint", refused.decision().code());
    assertEquals(403, refused.response().status());
    Simulation plain = run(inspectAll, "just some text", "llm.internal.example", null);
    assertTrue(plain.response().forwarded());
  }

  @Test
  void request_validatesAndBoundsItsInput() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SimulationRequest(BENIGN, "not a host!", null, null, null));
    assertThrows(
        IllegalArgumentException.class, () -> new SimulationRequest(null, "a.b", null, null, null));
    assertEquals(
        "ANTHROPIC", new SimulationRequest(BENIGN, "a.b", null, " anthropic ", null).provider());
    assertThrows(
        IllegalArgumentException.class,
        () -> new SimulationRequest(BENIGN, "a.b", null, "skynet", null));
    assertTrue(
        new SimulationRequest(
                "x".repeat(SimulationRequest.MAX_PAYLOAD_CHARS + 1), "a.b", null, null, null)
            .payloadTooLarge());
  }
}
