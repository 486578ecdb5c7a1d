package dev.tether.models.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.rules.RuleEngine;
import dev.tether.models.IntentLabel;
import dev.tether.models.encoder.SentenceEncoder;
import dev.tether.models.train.CorpusExample;
import dev.tether.models.train.Metrics;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped judge, loaded once (ONNX Runtime load is ~1 s): keep model-loading tests here. */
class IntentJudgeTest {
  private static IntentJudge judge;
  private static final RuleEngine RULES = RuleEngine.standard();

  @BeforeAll
  static void load() throws Exception {
    judge = IntentJudge.load();
  }

  @AfterAll
  static void close() {
    judge.close();
  }

  private static Judgement judge(String prompt) {
    return judge.judge(JudgeInput.of(prompt, RULES.scan(prompt), "api.openai.com", "code"));
  }

  @Test
  void encoder_vectorsAreUnitLengthAndSemantic() {
    SentenceEncoder encoder = judge.encoder();
    float[][] v =
        encoder.embed(
            List.of(
                ids("how do I sort a list in python"),
                ids("python: sorting a list of numbers"),
                ids("quarterly revenue forecast for the board meeting")));
    for (float[] x : v) {
      double norm = 0;
      for (float f : x) {
        norm += f * f;
      }
      assertEquals(1.0, Math.sqrt(norm), 1e-4);
    }
    assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.2, dot(v[0], v[1]) + " vs " + dot(v[0], v[2]));
  }

  @Test
  void encoder_windowVectorDoesNotDependOnOtherWindows() {
    SentenceEncoder encoder = judge.encoder();
    float[] alone = encoder.embed(List.of(ids("short text")))[0];
    float[] together =
        encoder.embed(List.of(ids("a much longer text ".repeat(10)), ids("short text")))[1];
    assertTrue(java.util.Arrays.equals(alone, together));
  }

  @Test
  void judge_returnsFullCalibratedDistribution() {
    Judgement j = judge("What is the difference between TCP and UDP?");
    assertEquals(IntentLabel.values().length, j.scores().size());
    double sum = j.scores().values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(1.0, sum, 1e-9);
    assertEquals(j.scores().get(j.label()), j.confidence(), 1e-12);
    j.scores().values().forEach(p -> assertTrue(p <= j.confidence()));
    assertEquals(judge.model(), j.model());
    assertTrue(j.model().startsWith("tether-intent-minilm-l6-q@"));
  }

  @Test
  void judge_seesOnlyRedactedText() {
    String secret = "AKIA" + "IOSFODNN7EXAMPLQ";
    String prompt = "why does boto3 fail with aws_access_key_id=" + secret + " in my config?";
    JudgeInput input = JudgeInput.of(prompt, RULES.scan(prompt), "api.openai.com", "code");
    assertFalse(input.redactedText().contains(secret), input.redactedText());
    assertTrue(input.typeCounts().values().stream().mapToInt(Integer::intValue).sum() > 0);
  }

  @Test
  void judge_hugePayload_usesAtMostThreeWindows() {
    String prompt = "please review this log\n" + "INFO request served in 12ms\n".repeat(100_000);
    assertEquals(TokenWindows.MAX_WINDOWS - 1, judge(prompt).windows());
  }

  @Test
  void shippedHead_onHeldOutCorpus_keepsItsQuality() throws Exception {
    // Guards the trainer/runtime contract: the same features at run time as at training time.
    List<CorpusExample> heldout =
        CorpusExample.read(Path.of("src/main/resources/dev/tether/models/corpus/heldout.jsonl"));
    double[][] p = new double[heldout.size()][];
    int[] y = new int[heldout.size()];
    for (int i = 0; i < heldout.size(); i++) {
      CorpusExample e = heldout.get(i);
      Judgement j =
          judge.judge(JudgeInput.of(e.prompt(), RULES.scan(e.prompt()), e.destination(), e.app()));
      p[i] = Arrays.stream(IntentLabel.values()).mapToDouble(l -> j.scores().get(l)).toArray();
      y[i] = e.label().ordinal();
    }
    Metrics m =
        Metrics.of(Arrays.stream(IntentLabel.values()).map(IntentLabel::label).toList(), p, y, 0.5);
    assertTrue(m.macroF1() >= 0.80, m.markdown("held-out"));
  }

  private static int[] ids(String text) {
    return judge.encoder().tokenizer().tokenize(text).stream()
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
