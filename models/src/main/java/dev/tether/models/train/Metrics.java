package dev.tether.models.train;

import java.util.List;
import java.util.Locale;

/**
 * Classification metrics of predicted distributions against true labels: accuracy, macro-F1,
 * per-class F1, confusion matrix, expected calibration error, and the share below an escalation
 * threshold.
 *
 * @param labels class names, in index order
 * @param confusion {@code confusion[true][predicted]} counts
 * @param accuracy share predicted correctly
 * @param macroF1 unweighted mean of per-class F1
 * @param f1 per-class F1
 * @param ece expected calibration error of the top-class confidence (15 equal-width bins)
 * @param escalatedShare share of examples whose top confidence is below the threshold
 * @param threshold the escalation threshold used
 * @param keptAccuracy accuracy on the examples not escalated
 */
public record Metrics(
    List<String> labels,
    int[][] confusion,
    double accuracy,
    double macroF1,
    double[] f1,
    double ece,
    double escalatedShare,
    double threshold,
    double keptAccuracy) {

  private static final int BINS = 15;

  /** Computes the metrics of {@code probabilities} (one row per example) against {@code truth}. */
  public static Metrics of(
      List<String> labels, double[][] probabilities, int[] truth, double threshold) {
    int k = labels.size();
    int n = truth.length;
    int[][] confusion = new int[k][k];
    double[] binConf = new double[BINS];
    double[] binAcc = new double[BINS];
    int[] binCount = new int[BINS];
    int correct = 0;
    int escalated = 0;
    int keptCorrect = 0;
    for (int i = 0; i < n; i++) {
      double[] p = probabilities[i];
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (p[c] > p[best]) {
          best = c;
        }
      }
      confusion[truth[i]][best]++;
      boolean hit = best == truth[i];
      correct += hit ? 1 : 0;
      int bin = Math.min(BINS - 1, (int) (p[best] * BINS));
      binConf[bin] += p[best];
      binAcc[bin] += hit ? 1 : 0;
      binCount[bin]++;
      if (p[best] < threshold) {
        escalated++;
      } else if (hit) {
        keptCorrect++;
      }
    }
    double[] f1 = new double[k];
    double macro = 0;
    for (int c = 0; c < k; c++) {
      int tp = confusion[c][c];
      int fp = 0;
      int fn = 0;
      for (int o = 0; o < k; o++) {
        if (o != c) {
          fp += confusion[o][c];
          fn += confusion[c][o];
        }
      }
      f1[c] = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
      macro += f1[c] / k;
    }
    double ece = 0;
    for (int b = 0; b < BINS; b++) {
      if (binCount[b] > 0) {
        ece += Math.abs(binAcc[b] / binCount[b] - binConf[b] / binCount[b]) * binCount[b] / n;
      }
    }
    int kept = n - escalated;
    return new Metrics(
        List.copyOf(labels),
        confusion,
        n == 0 ? 0 : correct / (double) n,
        macro,
        f1,
        ece,
        n == 0 ? 0 : escalated / (double) n,
        threshold,
        kept == 0 ? 0 : keptCorrect / (double) kept);
  }

  /** A Markdown report: summary line, per-class F1 and the confusion matrix. */
  public String markdown(String title) {
    StringBuilder out = new StringBuilder();
    out.append("### ").append(title).append("\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "accuracy %.4f, macro-F1 %.4f, ECE %.4f, escalated %.1f %% at threshold %.2f"
                + " (accuracy of the rest %.4f)%n%n",
            accuracy,
            macroF1,
            ece,
            100 * escalatedShare,
            threshold,
            keptAccuracy));
    out.append("| true \\ predicted |");
    for (int c = 0; c < labels.size(); c++) {
      out.append(" ").append(c).append(" |");
    }
    out.append(" F1 |\n|---|");
    out.append("---|".repeat(labels.size() + 1)).append('\n');
    for (int t = 0; t < labels.size(); t++) {
      out.append("| ").append(t).append(" ").append(labels.get(t)).append(" |");
      for (int p = 0; p < labels.size(); p++) {
        out.append(" ").append(confusion[t][p]).append(" |");
      }
      out.append(String.format(Locale.ROOT, " %.3f |%n", f1[t]));
    }
    return out.toString();
  }
}
