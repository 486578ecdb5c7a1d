package dev.tether.models.judge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tether.models.IntentLabel;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The trained classification head: multinomial logistic regression over standardised {@link
 * Features}, with a temperature for calibrated probabilities. Stored as a small JSON file next to
 * this class ({@code judge-head.json}), written by {@code dev.tether.models.train.Trainer}.
 *
 * @param modelId id of the judge, for audit records
 * @param version version of this head (increases with each retraining that ships)
 * @param encoder the encoder it was trained on (must equal {@code SentenceEncoder.ENCODER_ID})
 * @param labels class order of the rows of {@code weights}
 * @param features feature names, in column order (must equal {@link Features#NAMES})
 * @param mean per-feature mean used to standardise
 * @param scale per-feature standard deviation used to standardise
 * @param weights one row per label
 * @param bias one per label
 * @param temperature logits are divided by it before the softmax (fitted on a calibration split)
 * @param training what it was trained on (corpus digests, counts, hyper-parameters), for audit
 */
public record SoftmaxHead(
    String modelId,
    String version,
    String encoder,
    List<String> labels,
    List<String> features,
    double[] mean,
    double[] scale,
    double[][] weights,
    double[] bias,
    double temperature,
    Map<String, Object> training) {

  /** Resource name of the shipped head. */
  public static final String RESOURCE = "judge-head.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  public SoftmaxHead {
    Objects.requireNonNull(modelId, "head.modelId");
    Objects.requireNonNull(version, "head.version");
    labels = List.copyOf(labels);
    features = List.copyOf(features);
    int f = features.size();
    if (mean.length != f || scale.length != f) {
      throw new IllegalArgumentException("head: mean/scale must have " + f + " entries");
    }
    if (weights.length != labels.size() || bias.length != labels.size()) {
      throw new IllegalArgumentException("head: one weight row and bias per label");
    }
    for (double[] row : weights) {
      if (row.length != f) {
        throw new IllegalArgumentException(
            "head: weight rows must have " + f + " entries, got " + row.length);
      }
    }
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("head.temperature: expected > 0, got " + temperature);
    }
    for (String label : labels) {
      IntentLabel.fromLabel(label);
    }
    training = training == null ? Map.of() : training;
  }

  /** Loads the shipped head and checks it fits the feature layout and label set of this code. */
  public static SoftmaxHead loadShipped() throws IOException {
    try (InputStream in = SoftmaxHead.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(
            "judge: resource dev/tether/models/judge/"
                + RESOURCE
                + " is missing (run the trainer)");
      }
      return read(in).checkCompatible();
    }
  }

  public static SoftmaxHead read(InputStream in) throws IOException {
    return JSON.readValue(in, SoftmaxHead.class);
  }

  public byte[] toJson() throws IOException {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
  }

  /**
   * @throws IOException if the head was trained for another feature layout or label set
   */
  public SoftmaxHead checkCompatible() throws IOException {
    if (!features.equals(Features.NAMES)) {
      throw new IOException("judge head: trained for another feature layout; retrain it");
    }
    if (labels.size() != IntentLabel.values().length) {
      throw new IOException(
          "judge head: expected " + IntentLabel.values().length + " labels, got " + labels.size());
    }
    return this;
  }

  /** Raw logits (before temperature). */
  public double[] logits(double[] x) {
    double[] z = new double[labels.size()];
    for (int k = 0; k < z.length; k++) {
      double s = bias[k];
      double[] w = weights[k];
      for (int j = 0; j < x.length; j++) {
        s += w[j] * ((x[j] - mean[j]) / scale[j]);
      }
      z[k] = s;
    }
    return z;
  }

  /** Calibrated class probabilities, in {@link #labels} order. */
  public double[] probabilities(double[] x) {
    return softmax(logits(x), temperature);
  }

  /** Softmax of {@code z / t}, numerically stable. */
  public static double[] softmax(double[] z, double t) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v / t);
    }
    double sum = 0;
    double[] p = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      p[k] = Math.exp(z[k] / t - max);
      sum += p[k];
    }
    for (int k = 0; k < z.length; k++) {
      p[k] /= sum;
    }
    return p;
  }
}
