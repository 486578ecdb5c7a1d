package dev.tether.core.api;

import java.util.Map;

/**
 * The cloud judge's answer to a {@link JudgeRequest}.
 *
 * @param label the intent label (one of {@code JudgeSettings.LABELS})
 * @param confidence calibrated confidence of {@code label}, 0..1
 * @param scores the full distribution, label to probability (may be empty)
 * @param model the cloud model, {@code id@version}, for the audit record
 */
public record JudgeResponse(
    String label, double confidence, Map<String, Double> scores, String model) {

  private static final int MAX_FIELD = 255;

  public JudgeResponse {
    if (label == null || label.isEmpty() || label.length() > MAX_FIELD) {
      throw new IllegalArgumentException("judgeResponse.label: required, at most 255 characters");
    }
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException(
          "judgeResponse.confidence: expected 0..1, got " + confidence);
    }
    scores = scores == null ? Map.of() : Map.copyOf(scores);
    if (scores.size() > 16) {
      throw new IllegalArgumentException(
          "judgeResponse.scores: at most 16 labels, got " + scores.size());
    }
    scores.forEach(
        (k, p) -> {
          if (k.length() > MAX_FIELD || p == null || !(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(
                "judgeResponse.scores." + k + ": expected a probability 0..1, got " + p);
          }
        });
    if (model == null || model.isEmpty() || model.length() > MAX_FIELD) {
      throw new IllegalArgumentException("judgeResponse.model: required, at most 255 characters");
    }
  }
}
