package dev.tether.models.train;

import dev.tether.core.policy.JudgeSettings;
import dev.tether.core.rules.RuleEngine;
import dev.tether.models.IntentLabel;
import dev.tether.models.encoder.SentenceEncoder;
import dev.tether.models.judge.Features;
import dev.tether.models.judge.JudgeInput;
import dev.tether.models.judge.SoftmaxHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the on-device judge's head from the corpus and reports held-out metrics.
 *
 * <pre>
 * Trainer [--corpus DIR] [--head FILE] [--report FILE] [--version V] [--threshold P]
 * </pre>
 *
 * <p>Steps: every example is scanned by the built-in rules and redacted exactly as on the device
 * ({@link JudgeInput#of}); features come from the bundled encoder. {@code train.jsonl} is split
 * deterministically (by a digest of each id, stratified per label) into a fit part and a
 * calibration part (one in {@value #CALIBRATION_EVERY}); the L2 penalty is chosen on the
 * calibration part, then the temperature is fitted there. {@code heldout.jsonl} is used only for
 * the report, never for fitting or choosing anything.
 */
public final class Trainer {
  static final int CALIBRATION_EVERY = 6;
  static final double[] L2_GRID = {3e-4, 1e-3, 3e-3, 1e-2};
  static final String MODEL_ID = "tether-intent-minilm-l6-q";

  private Trainer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path corpus =
        Path.of(opts.getOrDefault("corpus", "models/src/main/resources/dev/tether/models/corpus"));
    Path headOut =
        Path.of(
            opts.getOrDefault(
                "head",
                "models/src/main/resources/dev/tether/models/judge/" + SoftmaxHead.RESOURCE));
    Path reportOut = Path.of(opts.getOrDefault("report", "models/RESULTS-training.md"));
    String version = opts.getOrDefault("version", "1");
    double threshold =
        Double.parseDouble(
            opts.getOrDefault(
                "threshold",
                String.valueOf(dev.tether.core.policy.JudgeSettings.DEFAULT_ESCALATION_THRESHOLD)));

    List<CorpusExample> train = CorpusExample.read(corpus.resolve("train.jsonl"));
    List<CorpusExample> heldout = CorpusExample.read(corpus.resolve("heldout.jsonl"));
    List<String> labels = Arrays.stream(IntentLabel.values()).map(IntentLabel::label).toList();

    RuleEngine rules = RuleEngine.standard();
    double[][] xTrain;
    double[][] xHeld;
    try (SentenceEncoder encoder = SentenceEncoder.load()) {
      xTrain = featurise(encoder, rules, train, "train");
      xHeld = featurise(encoder, rules, heldout, "heldout");
    }
    boolean[] calibration = calibrationSplit(train);
    List<double[]> fitX = new ArrayList<>();
    List<Integer> fitY = new ArrayList<>();
    List<double[]> calX = new ArrayList<>();
    List<Integer> calY = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) {
      (calibration[i] ? calX : fitX).add(xTrain[i]);
      (calibration[i] ? calY : fitY).add(train.get(i).label().ordinal());
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
      double[][] logits = logits(fit, cx);
      double nll = SoftmaxTrainer.nll(logits, cy, SoftmaxTrainer.temperature(logits, cy));
      System.out.printf(Locale.ROOT, "l2=%g calibration NLL=%.4f%n", l2, nll);
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
    training.put("rules", "RuleEngine.standard() (" + rules.detectorCount() + " detectors)");
    SoftmaxHead head =
        new SoftmaxHead(
            MODEL_ID,
            version,
            SentenceEncoder.ENCODER_ID,
            labels,
            Features.NAMES,
            best.mean(),
            best.scale(),
            best.weights(),
            best.bias(),
            temperature,
            training);
    Files.createDirectories(headOut.toAbsolutePath().getParent());
    Files.write(headOut, head.toJson());

    double[][] pHeld = new double[xHeld.length][];
    for (int i = 0; i < xHeld.length; i++) {
      pHeld[i] = head.probabilities(xHeld[i]);
    }
    int[] yHeld = heldout.stream().mapToInt(e -> e.label().ordinal()).toArray();
    Metrics metrics = Metrics.of(labels, pHeld, yHeld, threshold);
    double[][] pRaw = new double[xHeld.length][];
    for (int i = 0; i < xHeld.length; i++) {
      pRaw[i] = SoftmaxHead.softmax(head.logits(xHeld[i]), 1.0);
    }
    Metrics uncalibrated = Metrics.of(labels, pRaw, yHeld, threshold);
    String report =
        String.format(
                Locale.ROOT,
                "## On-device judge %s@%s%n%ntrain %d (fit %d, calibration %d), held-out %d;"
                    + " l2 %g, temperature %.3f; ECE before calibration %.4f%n%n",
                MODEL_ID,
                version,
                train.size(),
                fx.length,
                cx.length,
                heldout.size(),
                bestL2,
                temperature,
                uncalibrated.ece())
            + metrics.markdown("Held-out, local judge alone")
            + thresholdTable(labels, pHeld, yHeld);
    Files.writeString(reportOut, report, StandardCharsets.UTF_8);
    System.out.println(report);
    System.out.println("head written to " + headOut + ", report to " + reportOut);
  }

  /** Escalated share and accuracy of the rest at several thresholds, to choose the default. */
  static String thresholdTable(List<String> labels, double[][] p, int[] y) {
    StringBuilder out =
        new StringBuilder(
            "\n| escalation threshold | escalated (label confidence) | accuracy of the rest"
                + " | escalated (response confidence, default modes) |\n|---|---|---|---|\n");
    JudgeSettings modes = JudgeSettings.DEFAULT;
    for (double t : new double[] {0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) {
      Metrics m = Metrics.of(labels, p, y, t);
      int unsure = 0;
      for (double[] row : p) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
          best = row[k] > row[best] ? k : best;
        }
        double same = 0;
        for (int k = 0; k < row.length; k++) {
          if (modes.modeFor(labels.get(k)) == modes.modeFor(labels.get(best))) {
            same += row[k];
          }
        }
        unsure += same < t ? 1 : 0;
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %.1f | %.1f %% | %.4f | %.1f %% |%n",
              t,
              100 * m.escalatedShare(),
              m.keptAccuracy(),
              100.0 * unsure / p.length));
    }
    return out.toString();
  }

  static double[][] featurise(
      SentenceEncoder encoder, RuleEngine rules, List<CorpusExample> examples, String name) {
    double[][] x = new double[examples.size()][];
    long started = System.nanoTime();
    for (int i = 0; i < examples.size(); i++) {
      CorpusExample e = examples.get(i);
      JudgeInput input =
          JudgeInput.of(e.prompt(), rules.scan(e.prompt()), e.destination(), e.app());
      x[i] = Features.extract(encoder, input);
      if ((i + 1) % 250 == 0) {
        System.out.printf(
            Locale.ROOT,
            "%s: %d/%d featurised (%d s)%n",
            name,
            i + 1,
            examples.size(),
            (System.nanoTime() - started) / 1_000_000_000L);
      }
    }
    return x;
  }

  /** One in {@link #CALIBRATION_EVERY} of each label, chosen by a digest of the id. */
  static boolean[] calibrationSplit(List<CorpusExample> train) {
    boolean[] cal = new boolean[train.size()];
    for (IntentLabel label : IntentLabel.values()) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < train.size(); i++) {
        if (train.get(i).label() == label) {
          idx.add(i);
        }
      }
      idx.sort((a, b) -> digest(train.get(a).id()).compareTo(digest(train.get(b).id())));
      for (int j = 0; j < idx.size(); j++) {
        cal[idx.get(j)] = j % CALIBRATION_EVERY == 0;
      }
    }
    return cal;
  }

  private static double[][] logits(SoftmaxTrainer.Fit fit, double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = SoftmaxTrainer.logits(fit, x[i]);
    }
    return out;
  }

  private static String digest(String id) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: Trainer [--corpus DIR] [--head FILE] [--report FILE] [--version V]"
                + " [--threshold P]");
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    return opts;
  }
}
