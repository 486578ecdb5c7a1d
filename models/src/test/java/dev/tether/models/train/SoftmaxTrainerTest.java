package dev.tether.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.models.judge.SoftmaxHead;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxTrainerTest {

  @Test
  void fit_learnsThreeSeparableClusters() {
    Random random = new Random(7);
    int n = 300;
    double[][] x = new double[n][2];
    int[] y = new int[n];
    double[][] centres = {{0, 5}, {5, 0}, {-5, -5}};
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      x[i][0] = centres[y[i]][0] + random.nextGaussian();
      x[i][1] = centres[y[i]][1] + random.nextGaussian();
    }
    SoftmaxTrainer.Fit fit = SoftmaxTrainer.fit(x, y, 3, 1e-3, 300);
    int correct = 0;
    for (int i = 0; i < n; i++) {
      double[] z = SoftmaxTrainer.logits(fit, x[i]);
      int best = z[0] >= z[1] && z[0] >= z[2] ? 0 : z[1] >= z[2] ? 1 : 2;
      correct += best == y[i] ? 1 : 0;
    }
    assertTrue(correct >= 295, "correct " + correct);
  }

  @Test
  void temperature_recoversTheTemperatureThatGeneratedTheLabels() {
    Random random = new Random(11);
    int n = 20_000;
    double trueT = 2.5;
    double[][] logits = new double[n][3];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 3; k++) {
        logits[i][k] = random.nextGaussian() * 4;
      }
      double[] p = SoftmaxHead.softmax(logits[i], trueT);
      double u = random.nextDouble();
      y[i] = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
    }
    double t = SoftmaxTrainer.temperature(logits, y);
    assertEquals(trueT, t, 0.15);
    assertTrue(
        SoftmaxTrainer.nll(logits, y, t) < SoftmaxTrainer.nll(logits, y, 1.0), "calibration helps");
  }

  @Test
  void metrics_confusionF1EceAndEscalation() {
    double[][] p = {
      {0.9, 0.1}, // true 0, predicted 0
      {0.6, 0.4}, // true 0, predicted 0, below 0.7: escalated
      {0.2, 0.8}, // true 1, predicted 1
      {0.7, 0.3}, // true 1, predicted 0
    };
    Metrics m = Metrics.of(List.of("a", "b"), p, new int[] {0, 0, 1, 1}, 0.7);
    assertEquals(0.75, m.accuracy(), 1e-9);
    assertEquals(2, m.confusion()[0][0]);
    assertEquals(1, m.confusion()[1][0]);
    assertEquals(0.8, m.f1()[0], 1e-9); // tp 2, fp 1, fn 0
    assertEquals(2.0 / 3.0, m.f1()[1], 1e-9); // tp 1, fp 0, fn 1
    assertEquals(0.25, m.escalatedShare(), 1e-9);
    assertEquals(2.0 / 3.0, m.keptAccuracy(), 1e-9);
    // bins: 0.9 hit, 0.6 hit, 0.8 hit, 0.7 miss -> |1-.9|+|1-.6|+|1-.8|+|0-.7| over 4
    assertEquals((0.1 + 0.4 + 0.2 + 0.7) / 4, m.ece(), 1e-9);
  }
}
