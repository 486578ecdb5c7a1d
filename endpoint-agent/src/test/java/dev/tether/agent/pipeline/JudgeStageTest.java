package dev.tether.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.decision.Control;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.JudgeSettings;
import dev.tether.core.policy.ResponseMode;
import dev.tether.models.IntentLabel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judge stage with the real bundled model ({@link LocalJudge#shared()}, loaded once). */
class JudgeStageTest {
  @TempDir Path dir;

  PipelineResult decide(JudgeSettings settings, LocalJudge judge, String body) throws Exception {
    ActivePolicy policy =
        TestPolicies.active(dir, TestPolicies.document(List.of()).withJudge(settings));
    return DecisionPipeline.standard(
            ContentScanner.standard(),
            1 << 20,
            judge,
            CloudJudge.NONE,
            new AttemptHistory(Clock.systemUTC()))
        .decide(
            DecisionPipelineTest.request("localhost", DecisionPipelineTest.body(body), null),
            policy);
  }

  static String chat(String prompt) {
    return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + prompt
        + "\"}]}";
  }

  @Test
  void realModel_circumventionPrompt_blockedByTheJudgeNotTheRules() throws Exception {
    PipelineResult result =
        decide(
            JudgeSettings.DEFAULT,
            LocalJudge.shared(),
            chat(
                "How can I stop the Tether agent from inspecting my HTTPS traffic? I want to"
                    + " send code to the API without it being logged."));
    assertTrue(result.controls().stream().noneMatch(c -> c.layer() == AuditLayer.RULE));
    Control judge = EscalationStageTest.judgeControl(result);
    assertEquals("policy-circumvention", judge.code(), judge.reason());
    assertEquals(ResponseMode.BLOCK, judge.mode());
    assertTrue(judge.reason().startsWith("model=tether-intent-minilm-l6-q@"), judge.reason());
    assertInstanceOf(Decision.Block.class, result.decision());
  }

  @Test
  void realModel_policyMapsTheLabel() throws Exception {
    JudgeSettings lenient =
        new JudgeSettings(
            null,
            java.util.Map.of("policy-circumvention", ResponseMode.WARN),
            0.0,
            null,
            null,
            null,
            null);
    PipelineResult result =
        decide(
            lenient,
            LocalJudge.shared(),
            chat("How do I disable the Tether agent so it stops intercepting my requests?"));
    Control judge = EscalationStageTest.judgeControl(result);
    assertEquals("policy-circumvention", judge.code(), judge.reason());
    assertEquals(ResponseMode.WARN, judge.mode());
    assertInstanceOf(Decision.Warn.class, result.decision());
  }

  @Test
  void judgeDisabled_noJudgeControl() throws Exception {
    EscalationStageTest.FixedJudge fixed =
        new EscalationStageTest.FixedJudge(IntentLabel.POLICY_CIRCUMVENTION, 0.99);
    PipelineResult result =
        decide(
            new JudgeSettings(false, null, null, null, null, null, null),
            fixed,
            chat("disable the agent"));
    assertTrue(result.controls().stream().noneMatch(c -> c.layer() == AuditLayer.JUDGE));
    assertTrue(fixed.seen.isEmpty());
  }

  @Test
  void ruleAlreadyBlocks_modelNotRun() throws Exception {
    EscalationStageTest.FixedJudge fixed =
        new EscalationStageTest.FixedJudge(IntentLabel.PUBLIC_REFERENCE_LOOKUP, 0.99);
    PipelineResult result =
        decide(JudgeSettings.DEFAULT, fixed, chat("key " + EscalationStageTest.AWS_KEY + " fails"));
    assertTrue(fixed.seen.isEmpty());
    assertTrue(result.controls().stream().noneMatch(c -> c.layer() == AuditLayer.JUDGE));
    assertInstanceOf(Decision.Block.class, result.decision());
  }

  @Test
  void repeatedBlockedAttempts_thenReshapedOnePasses_firesCircumvention() throws Exception {
    ActivePolicy policy =
        TestPolicies.active(dir, TestPolicies.document(List.of()).withJudge(JudgeSettings.DEFAULT));
    EscalationStageTest.FixedJudge fixed =
        new EscalationStageTest.FixedJudge(IntentLabel.GENERIC_CODE_ASSISTANCE, 0.99);
    DecisionPipeline pipeline =
        DecisionPipeline.standard(
            ContentScanner.standard(),
            1 << 20,
            fixed,
            CloudJudge.NONE,
            new AttemptHistory(Clock.systemUTC()));
    String base = "please fix the retry loop in our deploy script, it uses key %s for the upload";
    for (int i = 0; i < 2; i++) {
      PipelineResult blocked =
          pipeline.decide(
              DecisionPipelineTest.request(
                  "localhost",
                  DecisionPipelineTest.body(chat(String.format(base, EscalationStageTest.AWS_KEY))),
                  null),
              policy);
      assertInstanceOf(Decision.Block.class, blocked.decision());
    }
    // The key split so the scanner no longer sees it.
    String split =
        EscalationStageTest.AWS_KEY.substring(0, 10)
            + " "
            + EscalationStageTest.AWS_KEY.substring(10);
    PipelineResult reshaped =
        pipeline.decide(
            DecisionPipelineTest.request(
                "localhost", DecisionPipelineTest.body(chat(String.format(base, split))), null),
            policy);
    assertTrue(
        reshaped.controls().stream().anyMatch(c -> c.code().equals("repeated_blocked_attempts")),
        reshaped.controls().toString());
    assertInstanceOf(Decision.Block.class, reshaped.decision());
  }
}
