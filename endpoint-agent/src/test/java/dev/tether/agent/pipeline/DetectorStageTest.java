package dev.tether.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.agent.policy.PolicyManager;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.decision.Control;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.policy.TradeSecrets;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import dev.tether.core.rules.Severity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector stage under an active policy: the policy's own detectors apply, the engine is built
 * once per policy, nested encodings are decoded, and audit controls carry ids and counts only.
 */
class DetectorStageTest {
  static final String CODE_NAME = "Project Bluefin";

  @TempDir Path dir;

  /**
   * Stands in for a policy-defined marker detector: fires on the code name the policy lists. (The
   * trade-secret detectors are another engineer's; this injects one through the engine factory.)
   */
  static final class CodeNameDetector implements Detector {
    final Pattern pattern;

    CodeNameDetector(List<String> codeNames) {
      this.pattern =
          Pattern.compile(
              String.join("|", codeNames.stream().map(Pattern::quote).toList()),
              Pattern.CASE_INSENSITIVE);
    }

    @Override
    public String family() {
      return "trade-secret-markers";
    }

    @Override
    public Set<String> keywords() {
      return Set.of("bluefin");
    }

    @Override
    public List<Finding> scan(CharSequence text) {
      List<Finding> findings = new ArrayList<>();
      Matcher matcher = pattern.matcher(text);
      while (matcher.find()) {
        findings.add(
            new Finding(
                "policy-code-name",
                "code-name",
                "trade-secret-markers",
                Severity.MEDIUM,
                0.9,
                matcher.start(),
                matcher.end()));
      }
      return findings;
    }
  }

  @Test
  void decide_policyDefinedDetector_firesWithThePolicysModeAndIdsOnly() throws Exception {
    AtomicInteger factoryCalls = new AtomicInteger();
    PolicyScanners scanners = scannersWithCodeNames(factoryCalls);
    DecisionPipeline pipeline = DecisionPipeline.standard(scanners, 1 << 20);
    ActivePolicy policy = TestPolicies.active(dir, document(ResponseMode.BLOCK));

    PipelineResult result =
        pipeline.decide(
            DecisionPipelineTest.request(
                "localhost",
                DecisionPipelineTest.body(
                    "{\"content\":\"status of project bluefin and PROJECT BLUEFIN?\"}"),
                null),
            policy);

    Control rule = result.controls().get(0);
    assertEquals(AuditLayer.RULE, rule.layer());
    assertEquals(List.of("policy-code-name"), rule.detectorIds());
    assertEquals(2, rule.findingCount());
    assertFalse(rule.reason().toLowerCase().contains("bluefin"), rule.reason());
    assertInstanceOf(Decision.Block.class, result.decision());
  }

  @Test
  void decide_realPolicyCodeNameAndMarker_blockWithTheTradeSecretDetectors() throws Exception {
    PolicyDocument base = TestPolicies.document(List.of());
    PolicyDocument withSecrets =
        new PolicyDocument(
            base.name(),
            base.aiDestinations(),
            base.blockedHosts(),
            Map.of(DetectorFamilies.TRADE_SECRET_MARKERS, ResponseMode.BLOCK),
            base.defaultMode(),
            base.bundleLifetime(),
            new TradeSecrets(
                List.of("ACME CONFIDENTIAL"),
                List.of(),
                List.of(),
                List.of("Bluefin"),
                List.of(),
                List.of(),
                List.of()));
    ActivePolicy policy = TestPolicies.active(dir, withSecrets);
    DecisionPipeline pipeline = DecisionPipeline.standard(ContentScanner.standard(), 1 << 20);

    PipelineResult marked =
        pipeline.decide(
            DecisionPipelineTest.request(
                "localhost",
                DecisionPipelineTest.body(
                    "{\"content\":\"ACME  CONFIDENTIAL\\nroadmap for bluefin\"}"),
                null),
            policy);
    assertInstanceOf(Decision.Block.class, marked.decision());
    Control rule = marked.controls().get(0);
    assertEquals(ResponseMode.BLOCK, rule.mode());
    assertTrue(rule.reason().startsWith(DetectorFamilies.TRADE_SECRET_MARKERS), rule.reason());
    assertEquals(List.of("code-name", "trade-secret-marker"), rule.detectorIds());
    assertEquals(2, rule.findingCount());

    PipelineResult clean =
        pipeline.decide(
            DecisionPipelineTest.request(
                "localhost", DecisionPipelineTest.body("{\"content\":\"a blue fin\"}"), null),
            policy);
    assertInstanceOf(Decision.Allow.class, clean.decision());
  }

  @Test
  void forPolicy_buildsOneEnginePerPolicyNotPerRequest() throws Exception {
    AtomicInteger factoryCalls = new AtomicInteger();
    PolicyScanners scanners = scannersWithCodeNames(factoryCalls);
    DecisionPipeline pipeline = DecisionPipeline.standard(scanners, 1 << 20);
    PolicyManager manager = TestPolicies.manager(dir, Clock.systemUTC());
    ActivePolicy v1 =
        manager.accept(
            TestPolicies.sign(document(ResponseMode.WARN), 1, Instant.now(), Duration.ofDays(1)),
            "\"v1\"");

    for (int i = 0; i < 20; i++) {
      pipeline.decide(
          DecisionPipelineTest.request(
              "localhost", DecisionPipelineTest.body("project bluefin " + i), null),
          v1);
    }
    assertEquals(1, scanners.builds(), "20 requests under one policy: one engine");

    ActivePolicy v2 =
        manager.accept(
            TestPolicies.sign(document(ResponseMode.BLOCK), 2, Instant.now(), Duration.ofDays(1)),
            "\"v2\"");
    PipelineResult result =
        pipeline.decide(
            DecisionPipelineTest.request(
                "localhost", DecisionPipelineTest.body("project bluefin"), null),
            v2);
    assertEquals(2, scanners.builds(), "a new policy version: a new engine");
    assertInstanceOf(Decision.Block.class, result.decision(), "the new policy's mode applies");
    assertEquals(2, factoryCalls.get());
  }

  @Test
  void decide_jsonEscapedAwsKey_isDecodedAndBlocked() throws Exception {
    ActivePolicy policy = TestPolicies.active(dir, TestPolicies.document(List.of()));
    String escaped = "\\u0041\\u004b\\u0049\\u0041" + DecisionPipelineTest.AWS_KEY.substring(4);
    PipelineResult result =
        DecisionPipeline.standard(ContentScanner.standard(), 1 << 20)
            .decide(
                DecisionPipelineTest.request(
                    "localhost",
                    DecisionPipelineTest.body("{\"content\":\"key " + escaped + "\"}"),
                    null),
                policy);
    Decision.Block block = assertInstanceOf(Decision.Block.class, result.decision());
    assertEquals("credential_detected", block.code());
    assertEquals(List.of("aws-access-key-id"), result.controls().get(0).detectorIds());
  }

  @Test
  void decide_factoryThrows_blocksWithInternalError() throws Exception {
    ActivePolicy policy = TestPolicies.active(dir, TestPolicies.document(List.of()));
    PolicyScanners broken =
        new PolicyScanners(
            doc -> {
              throw new IllegalStateException("bad policy detector");
            });
    PipelineResult result =
        DecisionPipeline.standard(broken, 1 << 20)
            .decide(
                DecisionPipelineTest.request("localhost", DecisionPipelineTest.body("hi"), null),
                policy);
    Decision.Block block = assertInstanceOf(Decision.Block.class, result.decision());
    assertEquals("internal_error", block.code());
  }

  private static PolicyScanners scannersWithCodeNames(AtomicInteger factoryCalls) {
    return new PolicyScanners(
        doc -> {
          factoryCalls.incrementAndGet();
          List<Detector> detectors = new ArrayList<>();
          detectors.add(new CodeNameDetector(List.of(CODE_NAME)));
          return RuleEngine.of(detectors);
        });
  }

  private static PolicyDocument document(ResponseMode tradeSecretMode) {
    PolicyDocument base = TestPolicies.document(List.of());
    return new PolicyDocument(
        base.name(),
        base.aiDestinations(),
        base.blockedHosts(),
        Map.of("trade-secret-markers", tradeSecretMode),
        base.defaultMode(),
        base.bundleLifetime());
  }
}
