package dev.tether.models.judge;

import dev.tether.models.IntentLabel;
import java.util.Map;
import java.util.Objects;

/**
 * The on-device judge's verdict.
 *
 * @param label the most probable intent
 * @param confidence its calibrated probability, 0..1
 * @param scores the full distribution, every label (iteration in label order)
 * @param model {@code id@version} of the judge, for audit records
 * @param windows how many token windows of the text the encoder saw
 */
public record Judgement(
    IntentLabel label,
    double confidence,
    Map<IntentLabel, Double> scores,
    String model,
    int windows) {
  public Judgement {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(model, "model");
    scores = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(scores));
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("judgement.confidence: expected 0..1, got " + confidence);
    }
  }
}
