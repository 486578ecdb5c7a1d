package dev.tether.server.policy.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.api.JudgeRequest;
import dev.tether.core.api.JudgeResponse;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import dev.tether.models.encoder.SentenceEncoder;
import dev.tether.models.judge.Features;
import dev.tether.models.judge.JudgeInput;
import dev.tether.server.policy.TetherException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service's lifecycle with the real shipped ensemble (bge-small + fp32 MiniLM) and heads: off,
 * threshold, loading, answer. Requests are built as the agent builds them: scanned by the built-in
 * rules and redacted.
 */
class CloudJudgeServiceTest {
  static CloudJudgeModel model;

  @BeforeAll
  static void load() throws IOException {
    model = CloudJudgeModel.load();
  }

  @AfterAll
  static void close() {
    model.close();
  }

  static JudgeRequest escalation(String prompt, double localConfidence) {
    List<Finding> findings = RuleEngine.standard().scan(prompt);
    JudgeInput in = JudgeInput.of(prompt, findings, "api.openai.com", "code");
    return new JudgeRequest(
        UUID.randomUUID().toString(),
        in.redactedText(),
        "api.openai.com",
        "openai",
        "code",
        in.typeCounts(),
        prompt.length(),
        "generic-code-assistance",
        localConfidence,
        "tether-intent-minilm-l6-q@1");
  }

  static final String SECRET_REVIEW =
      "my boto3 client fails with SignatureDoesNotMatch, what's wrong?\n"
          + "s3 = boto3.client('s3', aws_access_key_id='AKIA5TZR74FC3UQBFOBR',\n"
          + "    aws_secret_access_key='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')";

  @Test
  void judge_tenantOff_isForbidden() {
    CloudJudgeService service = new CloudJudgeService(() -> model);
    CloudJudgeSettings off = new CloudJudgeSettings(false, 0.8, Duration.ofSeconds(2));
    TetherException e =
        assertThrows(
            TetherException.class, () -> service.judge("t", off, escalation(SECRET_REVIEW, 0.3)));
    assertThat(e.kind()).isEqualTo(TetherException.Kind.FORBIDDEN);
  }

  @Test
  void judge_localConfidenceNotBelowThreshold_isConflict() {
    CloudJudgeService service = new CloudJudgeService(() -> model);
    TetherException e =
        assertThrows(
            TetherException.class,
            () ->
                service.judge(
                    "t",
                    CloudJudgeSettings.DEFAULT,
                    escalation(SECRET_REVIEW, CloudJudgeSettings.DEFAULT_THRESHOLD)));
    assertThat(e.kind()).isEqualTo(TetherException.Kind.CONFLICT);
  }

  @Test
  void judge_whileModelLoads_isUnavailable_thenAnswers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CloudJudgeService service =
        new CloudJudgeService(
            () -> {
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return model;
            });
    CloudJudgeSettings settings = new CloudJudgeSettings(true, 0.8, Duration.ofSeconds(10));
    JudgeRequest request = escalation(SECRET_REVIEW, 0.4);
    CloudJudgeUnavailable e =
        assertThrows(CloudJudgeUnavailable.class, () -> service.judge("t", settings, request));
    assertThat(e.getMessage()).contains("loading").doesNotContain("boto3");
    release.countDown();
    JudgeResponse answer = null;
    for (int i = 0; i < 300 && answer == null; i++) {
      try {
        answer = service.judge("t", settings, request);
      } catch (CloudJudgeUnavailable stillLoading) {
        Thread.sleep(100);
      }
    }
    assertThat(answer).isNotNull();
    assertThat(answer.label()).isEqualTo("code-review-with-secret-exposure");
  }

  @Test
  void judge_answersWithTheFullDistributionAndModelId() {
    CloudJudgeService service = new CloudJudgeService(() -> model);
    CloudJudgeSettings settings = new CloudJudgeSettings(true, 0.8, Duration.ofSeconds(10));
    JudgeResponse r =
        awaitAnswer(
            service,
            settings,
            escalation(
                "how do I disable the tether agent so it stops inspecting my traffic?", 0.5));
    assertThat(r.label()).isEqualTo("policy-circumvention");
    assertThat(r.scores()).hasSize(7);
    assertThat(r.scores().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(r.confidence()).isEqualTo(r.scores().get(r.label()));
    assertThat(r.model()).isEqualTo(model.model()).startsWith(CloudJudgeEnsemble.MODEL_ID + "@");
  }

  @Test
  void model_isTheShippedEnsemble_bgeWithClsPooling_weightedMeanOfMembers() {
    assertThat(model.members())
        .extracting(CloudJudgeModel.Member::id)
        .containsExactly(CloudEncoder.BGE_SMALL, CloudEncoder.MINILM);
    assertThat(model.members().get(0).encoder().pooling()).isEqualTo(SentenceEncoder.Pooling.CLS);
    assertThat(model.members().stream().mapToDouble(CloudJudgeModel.Member::weight).sum())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    JudgeRequest r = escalation(SECRET_REVIEW, 0.3);
    JudgeInput in =
        CloudJudgeModel.input(
            r.redactedText(), r.payloadChars(), r.findingCounts(), r.destinationHost(), r.app());
    double[] expected = new double[7];
    for (CloudJudgeModel.Member m : model.members()) {
      double[] q = m.head().probabilities(Features.extract(m.encoder(), in));
      for (int k = 0; k < q.length; k++) {
        expected[k] += m.weight() * q[k];
      }
    }
    assertThat(model.probabilities(in))
        .containsExactly(expected, org.assertj.core.data.Offset.offset(1e-9));
  }

  static JudgeResponse awaitAnswer(
      CloudJudgeService service, CloudJudgeSettings settings, JudgeRequest request) {
    for (int i = 0; i < 300; i++) {
      try {
        return service.judge("t", settings, request);
      } catch (CloudJudgeUnavailable loading) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    throw new AssertionError("cloud judge never became ready");
  }
}
