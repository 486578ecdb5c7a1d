package dev.tether.server.policy.judge;

import dev.tether.core.api.JudgeRequest;
import dev.tether.core.rules.RuleEngine;
import dev.tether.models.IntentLabel;
import dev.tether.models.encoder.SentenceEncoder;
import dev.tether.models.judge.Features;
import dev.tether.models.judge.IntentJudge;
import dev.tether.models.judge.JudgeInput;
import dev.tether.models.judge.Judgement;
import dev.tether.models.judge.SoftmaxHead;
import dev.tether.models.train.CorpusExample;
import dev.tether.models.train.Metrics;
import dev.tether.models.train.SoftmaxTrainer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the cloud judge's head and measures local, cloud and local+cloud on the held-out split.
 * Reuses the models module's encoder, features, softmax trainer and metrics; only the encoder (fp32
 * MiniLM) and the input view (what a {@link JudgeRequest} carries) differ from the device's.
 *
 * <pre>
 * mvn -q -pl policy-ejb -am install -DskipTests
 * mvn -q -pl policy-ejb exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.tether.server.policy.judge.CloudJudgeTrainer
 * </pre>
 *
 * Writes {@code policy-ejb/src/main/resources/dev/tether/server/policy/judge/cloud-judge-head.json}
 * and {@code policy-ejb/RESULTS-cloud-judge.md}. {@code heldout.jsonl} is never used for fitting,
 * choosing the L2 penalty or the temperature.
 */
public final class CloudJudgeTrainer {
  static final String MODEL_ID = "tether-cloud-intent-minilm-l6-fp32";
  static final double[] L2_GRID = {3e-4, 1e-3, 3e-3, 1e-2};
  static final int CALIBRATION_EVERY = 6;

  private CloudJudgeTrainer() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "..");
    Path corpus = root.resolve("models/src/main/resources/dev/tether/models/corpus");
    Path headOut =
        root.resolve("policy-ejb/src/main/resources/dev/tether/server/policy/judge/")
            .resolve(CloudJudgeModel.HEAD);
    Path reportOut = root.resolve("policy-ejb/RESULTS-cloud-judge.md");
    double threshold = CloudJudgeSettings.DEFAULT_THRESHOLD;

    List<CorpusExample> train = CorpusExample.read(corpus.resolve("train.jsonl"));
    List<CorpusExample> held = CorpusExample.read(corpus.resolve("heldout.jsonl"));
    List<String> labels = Arrays.stream(IntentLabel.values()).map(IntentLabel::label).toList();
    RuleEngine rules = RuleEngine.standard();

    double[][] xTrain;
    double[][] xHeld;
    try (SentenceEncoder encoder = CloudJudgeModel.loadEncoder()) {
      xTrain = features(encoder, rules, train);
      xHeld = features(encoder, rules, held);
    }
    List<double[]> fitX = new ArrayList<>();
    List<Integer> fitY = new ArrayList<>();
    List<double[]> calX = new ArrayList<>();
    List<Integer> calY = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) {
      boolean cal = digest(train.get(i).id()) % CALIBRATION_EVERY == 0;
      (cal ? calX : fitX).add(xTrain[i]);
      (cal ? calY : fitY).add(train.get(i).label().ordinal());
    }
    double[][] fx = fitX.toArray(double[][]::new);
    int[] fy = fitY.stream().mapToInt(Integer::intValue).toArray();
    double[][] cx = calX.toArray(double[][]::new);
    int[] cy = calY.stream().mapToInt(Integer::intValue).toArray();
    SoftmaxTrainer.Fit best = null;
    double bestL2 = 0;
    double bestNll = Double.POSITIVE_INFINITY;
    for (double l2 : L2_GRID) {
      SoftmaxTrainer.Fit fit =
          SoftmaxTrainer.fit(fx, fy, labels.size(), l2, SoftmaxTrainer.DEFAULT_EPOCHS);
      double[][] z = logits(fit, cx);
      double nll = SoftmaxTrainer.nll(z, cy, SoftmaxTrainer.temperature(z, cy));
      if (nll < bestNll) {
        bestNll = nll;
        best = fit;
        bestL2 = l2;
      }
    }
    double temperature = SoftmaxTrainer.temperature(logits(best, cx), cy);
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("trainSha256", sha256(corpus.resolve("train.jsonl")));
    training.put("heldoutSha256", sha256(corpus.resolve("heldout.jsonl")));
    training.put("fitExamples", fx.length);
    training.put("calibrationExamples", cx.length);
    training.put("l2", bestL2);
    training.put("epochs", SoftmaxTrainer.DEFAULT_EPOCHS);
    training.put("view", "JudgeRequest: redacted text, finding counts by type, size, host, app");
    SoftmaxHead head =
        new SoftmaxHead(
            MODEL_ID,
            "1",
            "all-minilm-l6-v2",
            labels,
            Features.NAMES,
            best.mean(),
            best.scale(),
            best.weights(),
            best.bias(),
            temperature,
            training);
    Files.createDirectories(headOut.getParent());
    Files.write(headOut, head.toJson());

    int[] y = held.stream().mapToInt(e -> e.label().ordinal()).toArray();
    double[][] cloud = new double[held.size()][];
    double[][] local = new double[held.size()][];
    double[][] combined = new double[held.size()][];
    int escalated = 0;
    try (IntentJudge device = IntentJudge.load()) {
      for (int i = 0; i < held.size(); i++) {
        CorpusExample e = held.get(i);
        cloud[i] = head.probabilities(xHeld[i]);
        Judgement j =
            device.judge(
                JudgeInput.of(e.prompt(), rules.scan(e.prompt()), e.destination(), e.app()));
        double[] row = new double[labels.size()];
        j.scores().forEach((label, p) -> row[label.ordinal()] = p);
        local[i] = row;
        boolean escalate = j.confidence() < threshold;
        escalated += escalate ? 1 : 0;
        combined[i] = escalate ? cloud[i] : local[i];
      }
    }
    String report =
        String.format(
                Locale.ROOT,
                "# Cloud judge %s@1%n%nEncoder fp32 all-MiniLM-L6-v2; train %d (fit %d,"
                    + " calibration %d), held-out %d; l2 %g, temperature %.3f. Local+cloud:"
                    + " escalate when the device's label confidence < %.2f (%d of %d = %.1f %%)."
                    + "%n%n",
                MODEL_ID,
                train.size(),
                fx.length,
                cx.length,
                held.size(),
                bestL2,
                temperature,
                threshold,
                escalated,
                held.size(),
                100.0 * escalated / held.size())
            + Metrics.of(labels, local, y, threshold).markdown("Held-out, local judge alone")
            + "\n"
            + Metrics.of(labels, cloud, y, threshold).markdown("Held-out, cloud judge alone")
            + "\n"
            + Metrics.of(labels, combined, y, threshold)
                .markdown("Held-out, local judge with escalation to the cloud judge");
    Files.writeString(reportOut, report, StandardCharsets.UTF_8);
    System.out.println(report);
  }

  /** Features of each example as the server sees it: redacted by the device's rules, types only. */
  static double[][] features(SentenceEncoder encoder, RuleEngine rules, List<CorpusExample> xs) {
    double[][] out = new double[xs.size()][];
    for (int i = 0; i < xs.size(); i++) {
      CorpusExample e = xs.get(i);
      JudgeInput device =
          JudgeInput.of(e.prompt(), rules.scan(e.prompt()), e.destination(), e.app());
      String text = device.redactedText();
      if (text.length() > JudgeRequest.MAX_TEXT_CHARS) {
        text = text.substring(0, JudgeRequest.MAX_TEXT_CHARS);
      }
      out[i] =
          Features.extract(
              encoder,
              CloudJudgeModel.input(
                  text, device.originalChars(), device.typeCounts(), e.destination(), e.app()));
      if ((i + 1) % 250 == 0) {
        System.out.printf(Locale.ROOT, "%d/%d featurised%n", i + 1, xs.size());
      }
    }
    return out;
  }

  static double[][] logits(SoftmaxTrainer.Fit fit, double[][] x) {
    double[][] z = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      z[i] = SoftmaxTrainer.logits(fit, x[i]);
    }
    return z;
  }

  static long digest(String id) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
    return Math.floorMod(((d[0] & 0xffL) << 8) | (d[1] & 0xffL), 1L << 16);
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
