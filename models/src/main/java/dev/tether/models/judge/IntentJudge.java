package dev.tether.models.judge;

import dev.tether.models.IntentLabel;
import dev.tether.models.encoder.SentenceEncoder;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The on-device intent judge: redacted text in bounded token windows ({@link TokenWindows}) through
 * the sentence encoder, plus context {@link Features}, into the trained {@link SoftmaxHead}.
 *
 * <p>Guarantees: runs entirely on this machine (no network); its cost is bounded by {@link
 * TokenWindows#MAX_WINDOWS} encoder windows whatever the payload size; it sees only redacted text
 * ({@link JudgeInput}). Thread-safe. Loading takes about a second: create one per process.
 */
public final class IntentJudge implements AutoCloseable {
  private final SentenceEncoder encoder;
  private final SoftmaxHead head;
  private final IntentLabel[] order;

  public IntentJudge(SentenceEncoder encoder, SoftmaxHead head) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.head = Objects.requireNonNull(head, "head");
    this.order = head.labels().stream().map(IntentLabel::fromLabel).toArray(IntentLabel[]::new);
  }

  /**
   * Loads the bundled encoder and the shipped head.
   *
   * @throws IOException if a model resource is missing, unreadable or incompatible
   */
  public static IntentJudge load() throws IOException {
    SoftmaxHead head = SoftmaxHead.loadShipped();
    if (!SentenceEncoder.ENCODER_ID.equals(head.encoder())) {
      throw new IOException(
          "judge head: trained on encoder "
              + head.encoder()
              + ", this build ships "
              + SentenceEncoder.ENCODER_ID);
    }
    return new IntentJudge(SentenceEncoder.load(), head);
  }

  /** {@code id@version} of this judge. */
  public String model() {
    return head.modelId() + "@" + head.version();
  }

  public SoftmaxHead head() {
    return head;
  }

  public SentenceEncoder encoder() {
    return encoder;
  }

  /** The feature vector of {@code input} (the trainer uses this too). */
  public double[] features(JudgeInput input) {
    return Features.extract(encoder, input);
  }

  /** Classifies {@code input}. */
  public Judgement judge(JudgeInput input) {
    List<int[]> windows = TokenWindows.select(input.redactedText(), encoder.tokenizer());
    double[] p = head.probabilities(Features.of(input, encoder.embed(windows)));
    return judgement(p, windows.size());
  }

  /** The verdict for a probability vector in head label order. */
  Judgement judgement(double[] p, int windows) {
    Map<IntentLabel, Double> scores = new EnumMap<>(IntentLabel.class);
    int best = 0;
    for (int k = 0; k < p.length; k++) {
      scores.put(order[k], p[k]);
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return new Judgement(order[best], p[best], scores, model(), windows);
  }

  @Override
  public void close() {
    encoder.close();
  }
}
