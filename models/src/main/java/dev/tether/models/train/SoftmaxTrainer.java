package dev.tether.models.train;

import dev.tether.models.judge.SoftmaxHead;

/**
 * Fits multinomial logistic regression (softmax, L2-regularised, full-batch Adam) on standardised
 * features, and a temperature on a separate calibration split. Deterministic: zero initialisation,
 * fixed number of epochs, no randomness.
 *
 * <p>Pure arithmetic on arrays: the on-device trainer and the server's cloud-judge trainer both use
 * it with their own features.
 */
public final class SoftmaxTrainer {
  /** L2 penalty on the weights (not the biases). */
  public static final double DEFAULT_L2 = 1e-3;

  public static final int DEFAULT_EPOCHS = 600;
  private static final double LEARNING_RATE = 0.05;

  /** The fitted parameters. */
  public record Fit(double[] mean, double[] scale, double[][] weights, double[] bias) {}

  private SoftmaxTrainer() {}

  /**
   * Fits on rows {@code x} with class indices {@code y} in {@code [0, classes)}.
   *
   * @throws IllegalArgumentException for empty or ragged input
   */
  public static Fit fit(double[][] x, int[] y, int classes, double l2, int epochs) {
    int n = x.length;
    if (n == 0 || y.length != n) {
      throw new IllegalArgumentException("trainer: need as many labels as rows, and some rows");
    }
    int f = x[0].length;
    double[] mean = new double[f];
    double[] scale = new double[f];
    for (double[] row : x) {
      if (row.length != f) {
        throw new IllegalArgumentException("trainer: ragged feature rows");
      }
      for (int j = 0; j < f; j++) {
        mean[j] += row[j] / n;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < f; j++) {
        scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
      }
    }
    for (int j = 0; j < f; j++) {
      scale[j] = Math.sqrt(scale[j]);
      if (scale[j] < 1e-9) {
        scale[j] = 1.0;
      }
    }
    double[][] z = new double[n][f];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < f; j++) {
        z[i][j] = (x[i][j] - mean[j]) / scale[j];
      }
    }
    double[][] w = new double[classes][f];
    double[] b = new double[classes];
    double[][] mw = new double[classes][f];
    double[][] vw = new double[classes][f];
    double[] mb = new double[classes];
    double[] vb = new double[classes];
    double beta1 = 0.9;
    double beta2 = 0.999;
    for (int epoch = 1; epoch <= epochs; epoch++) {
      double[][] gw = new double[classes][f];
      double[] gb = new double[classes];
      for (int i = 0; i < n; i++) {
        double[] logits = new double[classes];
        for (int k = 0; k < classes; k++) {
          double s = b[k];
          for (int j = 0; j < f; j++) {
            s += w[k][j] * z[i][j];
          }
          logits[k] = s;
        }
        double[] p = softmax(logits, 1.0);
        for (int k = 0; k < classes; k++) {
          double g = (p[k] - (y[i] == k ? 1 : 0)) / n;
          gb[k] += g;
          for (int j = 0; j < f; j++) {
            gw[k][j] += g * z[i][j];
          }
        }
      }
      double c1 = 1 - Math.pow(beta1, epoch);
      double c2 = 1 - Math.pow(beta2, epoch);
      for (int k = 0; k < classes; k++) {
        for (int j = 0; j < f; j++) {
          double g = gw[k][j] + l2 * w[k][j];
          mw[k][j] = beta1 * mw[k][j] + (1 - beta1) * g;
          vw[k][j] = beta2 * vw[k][j] + (1 - beta2) * g * g;
          w[k][j] -= LEARNING_RATE * (mw[k][j] / c1) / (Math.sqrt(vw[k][j] / c2) + 1e-8);
        }
        mb[k] = beta1 * mb[k] + (1 - beta1) * gb[k];
        vb[k] = beta2 * vb[k] + (1 - beta2) * gb[k] * gb[k];
        b[k] -= LEARNING_RATE * (mb[k] / c1) / (Math.sqrt(vb[k] / c2) + 1e-8);
      }
    }
    return new Fit(mean, scale, w, b);
  }

  /** Logits of one raw (unstandardised) row. */
  public static double[] logits(Fit fit, double[] row) {
    int classes = fit.bias().length;
    double[] out = new double[classes];
    for (int k = 0; k < classes; k++) {
      double s = fit.bias()[k];
      for (int j = 0; j < row.length; j++) {
        s += fit.weights()[k][j] * ((row[j] - fit.mean()[j]) / fit.scale()[j]);
      }
      out[k] = s;
    }
    return out;
  }

  /**
   * The temperature in [0.05, 10] minimising the negative log-likelihood of {@code y} under {@code
   * softmax(logits / T)} (golden-section search; NLL is convex in 1/T).
   */
  public static double temperature(double[][] logits, int[] y) {
    double lo = Math.log(0.05);
    double hi = Math.log(10.0);
    double phi = (Math.sqrt(5) - 1) / 2;
    double a = hi - phi * (hi - lo);
    double c = lo + phi * (hi - lo);
    for (int it = 0; it < 80; it++) {
      if (nll(logits, y, Math.exp(a)) < nll(logits, y, Math.exp(c))) {
        hi = c;
      } else {
        lo = a;
      }
      a = hi - phi * (hi - lo);
      c = lo + phi * (hi - lo);
    }
    return Math.exp((lo + hi) / 2);
  }

  /** Mean negative log-likelihood at temperature {@code t}. */
  public static double nll(double[][] logits, int[] y, double t) {
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      sum -= Math.log(Math.max(softmax(logits[i], t)[y[i]], 1e-15));
    }
    return sum / logits.length;
  }

  private static double[] softmax(double[] z, double t) {
    return SoftmaxHead.softmax(z, t);
  }
}
