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
import dev.tether.models.train.SoftmaxTrainer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the cloud judge: one head per {@link CloudEncoder} and the weight of their ensemble (the
 * weighted average of the heads' temperature-calibrated distributions), then measures local, cloud
 * and local+cloud on the held-out split ({@link CloudJudgeReport}).
 *
 * <p>Everything is chosen on a validation split carved from {@code train.jsonl} only (one in
 * {@value #VALIDATION_EVERY} by a SHA-256 of the id, the same split the device head calibrates on):
 * per encoder the L2 penalty from {@link #L2_GRID} and the temperature by validation NLL, then the
 * ensemble weight from {@link #WEIGHT_GRID} by validation NLL of the averaged distribution. {@code
 * heldout.jsonl} is read only for the report.
 *
 * <pre>
 * mvn -pl policy-ejb -am -DskipTests -Ptrain-cloud process-test-classes
 * </pre>
 *
 * Featurisation is cached in {@code policy-ejb/target/cloud-judge-features/} (keyed by corpus
 * digest, encoder and feature layout).
 */
public final class CloudJudgeTrainer {
  static final double[] L2_GRID = {3e-4, 1e-3, 3e-3, 1e-2};
  static final double[] WEIGHT_GRID = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};
  static final int VALIDATION_EVERY = 6;

  private CloudJudgeTrainer() {}

  /** One encoder's trained head and its calibrated distributions on validation and held-out. */
  record Member(
      CloudEncoder encoder, SoftmaxHead head, double l2, double[][] val, double[][] held) {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "..");
    Path corpus = root.resolve("models/src/main/resources/dev/tether/models/corpus");
    Path resources = root.resolve("policy-ejb/src/main/resources/dev/tether/server/policy/judge");
    Path cache = root.resolve("policy-ejb/target/cloud-judge-features");
    List<CorpusExample> train = CorpusExample.read(corpus.resolve("train.jsonl"));
    List<CorpusExample> held = CorpusExample.read(corpus.resolve("heldout.jsonl"));
    String trainSha = sha256(corpus.resolve("train.jsonl"));
    String heldSha = sha256(corpus.resolve("heldout.jsonl"));
    List<String> labels = Arrays.stream(IntentLabel.values()).map(IntentLabel::label).toList();
    RuleEngine rules = RuleEngine.standard();
    String layout = Integer.toHexString(Features.NAMES.hashCode());

    boolean[] isVal = new boolean[train.size()];
    for (int i = 0; i < train.size(); i++) {
      isVal[i] = digest(train.get(i).id()) % VALIDATION_EVERY == 0;
    }
    int[] yAll = train.stream().mapToInt(e -> e.label().ordinal()).toArray();
    int[] yVal = select(yAll, isVal, true);
    int[] yFit = select(yAll, isVal, false);
    int[] yHeld = held.stream().mapToInt(e -> e.label().ordinal()).toArray();

    // The device's calibrated distributions on validation and held-out: the escalation decision.
    List<CorpusExample> valExamples = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) {
      if (isVal[i]) {
        valExamples.add(train.get(i));
      }
    }
    double[][] localVal =
        cached(
            cache,
            "local-val",
            trainSha + layout,
            valExamples.size(),
            () -> local(rules, valExamples));
    double[][] localHeld =
        cached(cache, "local-held", heldSha + layout, held.size(), () -> local(rules, held));

    Map<CloudEncoder, Member> members = new EnumMap<>(CloudEncoder.class);
    for (CloudEncoder enc : CloudEncoder.values()) {
      String key = enc.id + "/" + enc.pooling + "/" + layout + "/";
      double[][] xTrain =
          cached(
              cache,
              enc.id + "-train",
              key + trainSha,
              train.size(),
              () -> features(enc, rules, train));
      double[][] xHeld =
          cached(
              cache,
              enc.id + "-held",
              key + heldSha,
              held.size(),
              () -> features(enc, rules, held));
      members.put(
          enc,
          train(
              enc,
              labels,
              rows(xTrain, isVal, false),
              yFit,
              rows(xTrain, isVal, true),
              yVal,
              xHeld,
              trainSha,
              heldSha));
    }

    Member bge = members.get(CloudEncoder.BGE_SMALL);
    Member minilm = members.get(CloudEncoder.MINILM);
    double bestW = 0;
    double bestNll = Double.POSITIVE_INFINITY;
    StringBuilder weights = new StringBuilder();
    for (double w : WEIGHT_GRID) {
      double nll = nll(mix(bge.val(), minilm.val(), w), yVal);
      weights.append(String.format(Locale.ROOT, "| %.1f | %.4f |%n", w, nll));
      if (nll < bestNll - 1e-9) {
        bestNll = nll;
        bestW = w;
      }
    }
    for (Member m : members.values()) {
      Files.write(resources.resolve(m.encoder().head), m.head().toJson());
    }
    CloudJudgeEnsemble ensemble =
        new CloudJudgeEnsemble(
            CloudJudgeEnsemble.MODEL_ID,
            CloudJudgeEnsemble.VERSION,
            Map.of(CloudEncoder.BGE_SMALL.id, bestW, CloudEncoder.MINILM.id, 1 - bestW));
    Files.write(resources.resolve(CloudJudgeEnsemble.RESOURCE), ensemble.toJson());

    String report =
        CloudJudgeReport.markdown(
            labels,
            ensemble,
            members.values(),
            weights.toString(),
            localVal,
            yVal,
            mix(bge.val(), minilm.val(), bestW),
            localHeld,
            yHeld,
            mix(bge.held(), minilm.held(), bestW),
            train.size(),
            yFit.length);
    Files.writeString(
        root.resolve("policy-ejb/RESULTS-cloud-judge.md"), report, StandardCharsets.UTF_8);
    System.out.println(report);
  }

  static Member train(
      CloudEncoder enc,
      List<String> labels,
      double[][] fx,
      int[] fy,
      double[][] vx,
      int[] vy,
      double[][] hx,
      String trainSha,
      String heldSha) {
    SoftmaxTrainer.Fit best = null;
    double bestL2 = 0;
    double bestNll = Double.POSITIVE_INFINITY;
    for (double l2 : L2_GRID) {
      SoftmaxTrainer.Fit fit =
          SoftmaxTrainer.fit(fx, fy, labels.size(), l2, SoftmaxTrainer.DEFAULT_EPOCHS);
      double[][] z = logits(fit, vx);
      double nll = SoftmaxTrainer.nll(z, vy, SoftmaxTrainer.temperature(z, vy));
      System.out.printf(Locale.ROOT, "%s l2=%g validation NLL %.4f%n", enc.id, l2, nll);
      if (nll < bestNll) {
        bestNll = nll;
        best = fit;
        bestL2 = l2;
      }
    }
    double temperature = SoftmaxTrainer.temperature(logits(best, vx), vy);
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("trainSha256", trainSha);
    training.put("heldoutSha256", heldSha);
    training.put("fitExamples", fx.length);
    training.put("validationExamples", vx.length);
    training.put("l2", bestL2);
    training.put("epochs", SoftmaxTrainer.DEFAULT_EPOCHS);
    training.put("pooling", enc.pooling.name());
    training.put("view", "JudgeRequest: redacted text, finding counts by type, size, host, app");
    SoftmaxHead head =
        new SoftmaxHead(
            CloudJudgeEnsemble.MODEL_ID + "-" + enc.id,
            "2",
            enc.id,
            labels,
            Features.NAMES,
            best.mean(),
            best.scale(),
            best.weights(),
            best.bias(),
            temperature,
            training);
    return new Member(enc, head, bestL2, probabilities(head, vx), probabilities(head, hx));
  }

  /** Features of each example as the server sees it: redacted by the device's rules, types only. */
  static double[][] features(CloudEncoder enc, RuleEngine rules, List<CorpusExample> xs)
      throws Exception {
    double[][] out = new double[xs.size()][];
    long start = System.nanoTime();
    try (SentenceEncoder encoder = enc.loadEncoder()) {
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
        if ((i + 1) % 100 == 0) {
          System.out.printf(
              Locale.ROOT,
              "%s %d/%d featurised, %d s%n",
              enc.id,
              i + 1,
              xs.size(),
              (System.nanoTime() - start) / 1_000_000_000L);
        }
      }
    }
    return out;
  }

  static double[][] local(RuleEngine rules, List<CorpusExample> xs) throws Exception {
    double[][] out = new double[xs.size()][];
    try (IntentJudge device = IntentJudge.load()) {
      for (int i = 0; i < xs.size(); i++) {
        CorpusExample e = xs.get(i);
        Judgement j =
            device.judge(
                JudgeInput.of(e.prompt(), rules.scan(e.prompt()), e.destination(), e.app()));
        double[] row = new double[IntentLabel.values().length];
        j.scores().forEach((label, p) -> row[label.ordinal()] = p);
        out[i] = row;
      }
    }
    return out;
  }

  interface Rows {
    double[][] compute() throws Exception;
  }

  static double[][] cached(Path dir, String name, String key, int n, Rows rows) throws Exception {
    Path file = dir.resolve(name + ".bin");
    double[][] x = CloudJudgeFeatureCache.read(file, key, n);
    if (x == null) {
      x = rows.compute();
      CloudJudgeFeatureCache.write(file, key, x);
    }
    return x;
  }

  static double[][] mix(double[][] a, double[][] b, double wa) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = new double[a[i].length];
      for (int k = 0; k < a[i].length; k++) {
        out[i][k] = wa * a[i][k] + (1 - wa) * b[i][k];
      }
    }
    return out;
  }

  static double nll(double[][] p, int[] y) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s -= Math.log(Math.max(p[i][y[i]], 1e-12));
    }
    return s / y.length;
  }

  static double[][] probabilities(SoftmaxHead head, double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = head.probabilities(x[i]);
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

  static double[][] rows(double[][] x, boolean[] mask, boolean want) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (mask[i] == want) {
        out.add(x[i]);
      }
    }
    return out.toArray(double[][]::new);
  }

  static int[] select(int[] y, boolean[] mask, boolean want) {
    return java.util.stream.IntStream.range(0, y.length)
        .filter(i -> mask[i] == want)
        .map(i -> y[i])
        .toArray();
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
