package dev.tether.server.policy.judge;

import dev.tether.models.train.Metrics;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The Markdown report {@link CloudJudgeTrainer} writes to {@code RESULTS-cloud-judge.md}. */
final class CloudJudgeReport {
  /** Thresholds reported: the policy default and the one recommended with a cloud judge. */
  static final double[] THRESHOLDS = {0.6, 0.8};

  private CloudJudgeReport() {}

  static String markdown(
      List<String> labels,
      CloudJudgeEnsemble ensemble,
      Collection<CloudJudgeTrainer.Member> members,
      String weightTable,
      double[][] localVal,
      int[] yVal,
      double[][] cloudVal,
      double[][] localHeld,
      int[] yHeld,
      double[][] cloudHeld,
      int trainSize,
      int fitSize) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT, "# Cloud judge %s@%s%n%n", ensemble.modelId(), ensemble.version()));
    out.append(
        String.format(
            Locale.ROOT,
            "Train %d (fit %d, validation %d), held-out %d. Every choice below (L2, temperature,"
                + " ensemble weight) is made on the validation split of train.jsonl; held-out is only"
                + " measured.%n%n| encoder | pooling | L2 | temperature | weight |%n|---|---|---|---|---|%n",
            trainSize,
            fitSize,
            yVal.length,
            yHeld.length));
    for (CloudJudgeTrainer.Member m : members) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %g | %.3f | %.1f |%n",
              m.encoder().id,
              m.encoder().pooling,
              m.l2(),
              m.head().temperature(),
              ensemble.weight(m.encoder())));
    }
    out.append("\nValidation NLL of the ensemble by weight of bge-small:\n\n| weight | NLL |\n")
        .append("|---|---|\n")
        .append(weightTable)
        .append('\n');
    out.append("## Summary\n\n| split | system | threshold | accuracy | macro-F1 | escalated |\n")
        .append("|---|---|---|---|---|---|\n");
    summary(out, "validation", labels, localVal, cloudVal, yVal, members, true);
    summary(out, "held-out", labels, localHeld, cloudHeld, yHeld, members, false);
    out.append("\n## Held-out detail\n\n");
    out.append(Metrics.of(labels, localHeld, yHeld, 0.8).markdown("Local judge alone"))
        .append('\n');
    out.append(Metrics.of(labels, cloudHeld, yHeld, 0.8).markdown("Cloud judge alone (ensemble)"))
        .append('\n');
    for (double t : THRESHOLDS) {
      out.append(
              Metrics.of(labels, combine(localHeld, cloudHeld, t), yHeld, t)
                  .markdown(
                      String.format(
                          Locale.ROOT,
                          "Local judge escalating to the cloud judge below %.1f (escalated %.1f %%)",
                          t,
                          100 * Metrics.of(labels, localHeld, yHeld, t).escalatedShare())))
          .append('\n');
    }
    return out.toString();
  }

  private static void summary(
      StringBuilder out,
      String split,
      List<String> labels,
      double[][] local,
      double[][] cloud,
      int[] y,
      Collection<CloudJudgeTrainer.Member> members,
      boolean val) {
    for (double t : THRESHOLDS) {
      Metrics l = Metrics.of(labels, local, y, t);
      row(out, split, "local alone", t, l, l.escalatedShare());
      row(
          out,
          split,
          "local + cloud",
          t,
          Metrics.of(labels, combine(local, cloud, t), y, t),
          l.escalatedShare());
    }
    for (CloudJudgeTrainer.Member m : members) {
      row(
          out,
          split,
          "cloud " + m.encoder().id + " alone",
          Double.NaN,
          Metrics.of(labels, val ? m.val() : m.held(), y, 0.8),
          Double.NaN);
    }
    row(
        out,
        split,
        "cloud ensemble alone",
        Double.NaN,
        Metrics.of(labels, cloud, y, 0.8),
        Double.NaN);
  }

  private static void row(
      StringBuilder out, String split, String system, double t, Metrics m, double escalated) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %s | %.4f | %.4f | %s |%n",
            split,
            system,
            Double.isNaN(t) ? "–" : String.format(Locale.ROOT, "%.1f", t),
            m.accuracy(),
            m.macroF1(),
            Double.isNaN(escalated)
                ? "–"
                : String.format(Locale.ROOT, "%.1f %%", 100 * escalated)));
  }

  /** The device's distribution, replaced by the cloud's where its top confidence is below t. */
  static double[][] combine(double[][] local, double[][] cloud, double t) {
    double[][] out = new double[local.length][];
    for (int i = 0; i < local.length; i++) {
      double top = Arrays.stream(local[i]).max().orElse(0);
      out[i] = top < t ? cloud[i] : local[i];
    }
    return out;
  }
}
