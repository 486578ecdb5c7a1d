package dev.tether.server.policy.judge;

import dev.tether.core.api.JudgeRequest;
import dev.tether.core.api.JudgeResponse;
import dev.tether.models.encoder.SentenceEncoder;
import dev.tether.models.judge.Features;
import dev.tether.models.judge.JudgeInput;
import dev.tether.models.judge.SoftmaxHead;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cloud judge's model: an ensemble ({@link CloudJudgeEnsemble}) of {@link CloudEncoder}s, each
 * with the head trained for it; the answer is the weighted mean of the members' calibrated
 * distributions. Encoders are unpacked into this package at build time from their Maven artifacts;
 * heads and weights are reproduced by {@code CloudJudgeTrainer}. It reuses the on-device judge's
 * tokenizer, token windows, features and head format from {@code models}.
 *
 * <p>It sees exactly what an escalation carries: the redacted text, finding counts by type (no
 * family counts, which the wire record does not carry; the heads are trained on the same view), the
 * original size, destination and app. Thread-safe; load one per process (a few seconds, ~400 MB
 * with both encoders).
 */
public final class CloudJudgeModel implements AutoCloseable {
  /** One ensemble member: an encoder, its head and its weight. */
  record Member(CloudEncoder id, SentenceEncoder encoder, SoftmaxHead head, double weight) {}

  private final CloudJudgeEnsemble ensemble;
  private final List<Member> members;

  CloudJudgeModel(CloudJudgeEnsemble ensemble, List<Member> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("cloud judge: no ensemble members");
    }
    List<String> labels = members.get(0).head().labels();
    for (Member m : members) {
      if (!m.head().labels().equals(labels)) {
        throw new IllegalArgumentException("cloud judge: members disagree on the label order");
      }
    }
    this.ensemble = ensemble;
    this.members = List.copyOf(members);
  }

  /**
   * Loads the ensemble, its members' encoders and heads from the class path.
   *
   * @throws IOException if a resource is missing, a head does not fit the feature layout or its
   *     encoder, or the ensemble file is invalid
   */
  public static CloudJudgeModel load() throws IOException {
    CloudJudgeEnsemble ensemble = CloudJudgeEnsemble.load();
    List<Member> members = new ArrayList<>();
    try {
      for (CloudEncoder e : CloudEncoder.values()) {
        double w = ensemble.weight(e);
        if (w > 0) {
          SoftmaxHead head = e.loadHead();
          members.add(new Member(e, e.loadEncoder(), head, w));
        }
      }
      return new CloudJudgeModel(ensemble, members);
    } catch (IOException | RuntimeException ex) {
      members.forEach(m -> m.encoder().close());
      throw ex;
    }
  }

  /** {@code id@version} of the ensemble, for responses and audit records. */
  public String model() {
    return ensemble.modelId() + "@" + ensemble.version();
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

  /** Class probabilities in the heads' label order: the weighted mean of the members'. */
  double[] probabilities(JudgeInput input) {
    double[] p = null;
    for (Member m : members) {
      double[] q = m.head().probabilities(Features.extract(m.encoder(), input));
      if (p == null) {
        p = new double[q.length];
      }
      for (int k = 0; k < q.length; k++) {
        p[k] += m.weight() * q[k];
      }
    }
    return p;
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
    List<String> labels = members.get(0).head().labels();
    int best = 0;
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int k = 0; k < p.length; k++) {
      scores.put(labels.get(k), p[k]);
      best = p[k] > p[best] ? k : best;
    }
    return new JudgeResponse(labels.get(best), p[best], scores, model());
  }

  List<Member> members() {
    return members;
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (Member m : members) {
      try {
        m.encoder().close();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
