package dev.tether.agent.pipeline;

import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ResponseMode;
import dev.tether.models.IntentLabel;
import dev.tether.models.judge.Judgement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's view of {@link dev.tether.core.decision.JudgeModes} (shared with the console's
 * simulator): the same rules, taking the on-device judge's {@link Judgement}.
 */
public final class JudgeModes {
  private JudgeModes() {}

  /** See {@link dev.tether.core.decision.JudgeModes#modeFor}. */
  public static ResponseMode modeFor(
      PolicyDocument policy, String label, Map<String, Integer> familyCounts) {
    return dev.tether.core.decision.JudgeModes.modeFor(policy, label, familyCounts);
  }

  /** See {@link dev.tether.core.decision.JudgeModes#decisionConfidence}. */
  public static double decisionConfidence(
      PolicyDocument policy, Judgement judgement, Map<String, Integer> familyCounts) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (Map.Entry<IntentLabel, Double> e : judgement.scores().entrySet()) {
      scores.put(e.getKey().label(), e.getValue());
    }
    return dev.tether.core.decision.JudgeModes.decisionConfidence(
        policy, judgement.label().label(), scores, familyCounts);
  }
}
