package dev.tether.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.decision.Control;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.Provider;
import dev.tether.core.rules.Finding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Playbook: given this request and this policy, these stages run in this order, this decision comes
 * back.
 */
class DecisionPipelineTest {
  static final String AWS_KEY = "AKIA" + "Q3EGRJ5XWZT7NB2H";
  static ActivePolicy policy;
  static final DecisionPipeline PIPELINE =
      DecisionPipeline.standard(ContentScanner.standard(), 1024 * 1024);
  static final List<String> ALL =
      List.of(
          "policy-presence",
          "destination-rules",
          "detectors",
          "judge",
          "escalation",
          "policy-mapping");

  @BeforeAll
  static void activatePolicy(@TempDir Path dir) throws Exception {
    // The rows below are about stage order and the rule layer: the judge stage runs but is switched
    // off by this policy, so model verdicts cannot change them (JudgeStageTest covers the judge).
    policy =
        TestPolicies.active(
            dir,
            TestPolicies.document(List.of("blocked.example.com"))
                .withJudge(
                    new dev.tether.core.policy.JudgeSettings(
                        false, null, null, null, null, null, null)));
  }

  static Stream<Arguments> playbook() throws Exception {
    return Stream.of(
        Arguments.of(
            "clean prompt is allowed after every stage",
            true,
            "localhost",
            body("{\"messages\":[{\"content\":\"refactor this loop\"}]}"),
            null,
            ALL,
            "Allow",
            null),
        Arguments.of(
            "AWS key in JSON body blocks at detectors",
            true,
            "localhost",
            body("{\"content\":\"key=" + AWS_KEY + "\"}"),
            null,
            ALL,
            "Block",
            "credential_detected"),
        Arguments.of(
            "gzip body is decoded before scanning",
            true,
            "localhost",
            gzip("aws " + AWS_KEY),
            "gzip",
            ALL,
            "Block",
            "credential_detected"),
        Arguments.of(
            "AWS documentation placeholder is not a finding",
            true,
            "localhost",
            body("AKIAIOSFODNN7EXAMPLE"),
            null,
            ALL,
            "Allow",
            null),
        Arguments.of(
            "no policy blocks at the first stage",
            false,
            "localhost",
            body("hello"),
            null,
            List.of("policy-presence", "policy-mapping"),
            "Block",
            "no_verified_policy"),
        Arguments.of(
            "blocked host halts before detectors",
            true,
            "blocked.example.com",
            body("hello"),
            null,
            List.of("policy-presence", "destination-rules", "policy-mapping"),
            "Block",
            "destination_blocked"),
        Arguments.of(
            "unknown Content-Encoding cannot be inspected",
            true,
            "localhost",
            body("x"),
            "compress",
            List.of("policy-presence", "destination-rules", "detectors", "policy-mapping"),
            "Block",
            "unsupported_content_encoding"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("playbook")
  void decide_playbook(
      String note,
      boolean withPolicy,
      String host,
      byte[] body,
      String encoding,
      List<String> stages,
      String decision,
      String code) {
    PipelineResult result =
        PIPELINE.decide(request(host, body, encoding), withPolicy ? policy : null);
    assertEquals(stages, result.stagesRun(), note);
    assertEquals(decision, result.decision().getClass().getSimpleName(), note);
    if (code != null) {
      assertEquals(code, ((Decision.Block) result.decision()).code(), note);
    }
  }

  @Test
  void decide_awsKey_firesRuleControlWithDetectorIdsNeverTheSecret() {
    PipelineResult result =
        PIPELINE.decide(request("localhost", body("x " + AWS_KEY), null), policy);
    Control rule = result.controls().get(0);
    assertEquals(AuditLayer.RULE, rule.layer());
    assertTrue(rule.detectorIds().contains("aws-access-key-id"), rule.detectorIds().toString());
    assertEquals(1, rule.findingCount());
    assertTrue(!rule.reason().contains(AWS_KEY) && !result.decision().reason().contains(AWS_KEY));
    assertEquals(1, result.policyVersion());
  }

  @Test
  void decide_stageThrows_blocksWithInternalError() {
    ContentScanner exploding =
        new ContentScanner() {
          @Override
          public List<Finding> scan(CharSequence text) {
            throw new IllegalStateException("detector bug");
          }

          @Override
          public int maxChars() {
            return 1000;
          }
        };
    PipelineResult result =
        DecisionPipeline.standard(exploding, 1000)
            .decide(request("localhost", body("hello"), null), policy);
    Decision.Block block = assertInstanceOf(Decision.Block.class, result.decision());
    assertEquals("internal error", block.reason());
    assertEquals(List.of("policy-presence", "destination-rules", "detectors"), result.stagesRun());
    assertEquals(AuditLayer.AGENT, result.controls().get(result.controls().size() - 1).layer());
  }

  @Test
  void decide_mappingReturnsNull_blocks() {
    PipelineResult result =
        new DecisionPipeline(List.of(), (r, e) -> null)
            .decide(request("localhost", body("x"), null), policy);
    assertInstanceOf(Decision.Block.class, result.decision());
  }

  @Test
  void standard_listsStagesInOrder() {
    assertEquals(ALL.subList(0, 5), PIPELINE.stageNames());
  }

  static InspectedRequest request(String host, byte[] body, String encoding) {
    return new InspectedRequest(
        UUID.randomUUID().toString(),
        host,
        Provider.OPENAI,
        "POST",
        "/v1/chat/completions",
        encoding,
        body,
        false);
  }

  static byte[] body(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body(text));
    }
    return out.toByteArray();
  }
}
