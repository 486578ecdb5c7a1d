package dev.tether.server.policy.judge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which encoders' heads the cloud judge averages, and with what weight ({@value #RESOURCE}, written
 * by {@code CloudJudgeTrainer} from validation NLL on the training corpus only). The cloud judge's
 * distribution is the weighted mean of each member head's temperature-calibrated distribution;
 * members with weight 0 are not loaded.
 *
 * @param modelId id reported in responses and audit records
 * @param version its version
 * @param weights encoder id ({@link CloudEncoder#id}) to weight; each in 0..1, summing to 1
 */
public record CloudJudgeEnsemble(String modelId, String version, Map<String, Double> weights) {
  static final String RESOURCE = "cloud-judge.json";
  static final String MODEL_ID = "tether-cloud-intent-bge-minilm";
  static final String VERSION = "2";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public CloudJudgeEnsemble {
    if (modelId == null || modelId.isBlank() || version == null || version.isBlank()) {
      throw new IllegalArgumentException("cloud judge ensemble: modelId and version are required");
    }
    if (weights == null || weights.isEmpty()) {
      throw new IllegalArgumentException("cloud judge ensemble: no members");
    }
    double sum = 0;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      CloudEncoder.byId(e.getKey());
      Double w = e.getValue();
      if (w == null || !(w >= 0 && w <= 1)) {
        throw new IllegalArgumentException(
            "cloud judge ensemble: weight of " + e.getKey() + " must be in 0..1, got " + w);
      }
      sum += w;
    }
    if (Math.abs(sum - 1) > 1e-6) {
      throw new IllegalArgumentException("cloud judge ensemble: weights sum to " + sum + ", not 1");
    }
    weights = Map.copyOf(new TreeMap<>(weights));
  }

  /** Weight of {@code encoder}, 0 when it is not a member. */
  double weight(CloudEncoder encoder) {
    return weights.getOrDefault(encoder.id, 0.0);
  }

  static CloudJudgeEnsemble load() throws IOException {
    try (InputStream in = CloudEncoder.resource(RESOURCE)) {
      return JSON.readValue(in, CloudJudgeEnsemble.class);
    } catch (IllegalArgumentException e) {
      throw new IOException("cloud judge: invalid " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  byte[] toJson() throws IOException {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
  }
}
