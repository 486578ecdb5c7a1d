package dev.tether.core.decision;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.policy.JudgeSettings;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ResponseMode;
import java.util.Map;
import java.util.Set;

/**
 * The mode a judge label answers under a policy.
 *
 * <p>A label the policy maps explicitly ({@code judge.modes}) answers that mode. Otherwise the
 * default ({@link JudgeSettings#DEFAULT_MODES}) applies, except when the label is explained by rule
 * findings in the same prompt: secret exposure by credential findings, regulated data by personal
 * or regulated data findings, proprietary code and internal context by trade-secret findings. Then
 * the policy has already decided how that evidence is answered ({@code detectorModes}), and the
 * judge agrees with the strictest of those modes instead of overriding it with its default (so a
 * policy that redacts or coaches on cloud keys is not turned into a block by the judge's default).
 * Pure: used by the agent's judge and escalation stages and by the console's simulator.
 */
public final class JudgeModes {
  private static final Set<String> CREDENTIALS =
      Set.of(
          DetectorFamilies.CLOUD_CREDENTIALS,
          DetectorFamilies.PRIVATE_KEYS,
          DetectorFamilies.SOURCE_CONTROL_CREDENTIALS,
          DetectorFamilies.AI_PROVIDER_CREDENTIALS,
          DetectorFamilies.PAYMENT_CREDENTIALS,
          DetectorFamilies.MESSAGING_CREDENTIALS,
          DetectorFamilies.PACKAGE_REGISTRY_CREDENTIALS,
          DetectorFamilies.OBSERVABILITY_CREDENTIALS,
          DetectorFamilies.INFRASTRUCTURE_CREDENTIALS,
          DetectorFamilies.GENERIC_SECRETS);
  private static final Set<String> REGULATED =
      Set.of(
          DetectorFamilies.PAYMENT_CARDS,
          DetectorFamilies.GOVERNMENT_IDS,
          DetectorFamilies.FINANCIAL_ACCOUNTS,
          DetectorFamilies.HEALTH_RECORDS,
          DetectorFamilies.PERSONAL_DATA,
          DetectorFamilies.CONTACT_DETAILS);
  private static final Set<String> TRADE_SECRETS =
      Set.of(
          DetectorFamilies.TRADE_SECRET_MARKERS,
          DetectorFamilies.PROTECTED_SOURCE_CODE,
          DetectorFamilies.CUSTOM_RULES);
  private static final Map<String, Set<String>> EVIDENCE =
      Map.of(
          "code-review-with-secret-exposure", CREDENTIALS,
          "regulated-data-exposure", REGULATED,
          "proprietary-code-disclosure", TRADE_SECRETS,
          "internal-context-extraction", TRADE_SECRETS);

  private JudgeModes() {}

  /**
   * @param familyCounts rule findings per detector family in the judged prompt
   */
  public static ResponseMode modeFor(
      PolicyDocument policy, String label, Map<String, Integer> familyCounts) {
    JudgeSettings settings = policy.judge();
    if (settings.modes() != null && settings.modes().containsKey(label)) {
      return settings.modes().get(label);
    }
    ResponseMode deferred = null;
    for (String family : EVIDENCE.getOrDefault(label, Set.of())) {
      if (familyCounts.getOrDefault(family, 0) > 0) {
        ResponseMode mode = policy.modeForFamily(family);
        deferred = deferred == null ? mode : ModeMapping.stricter(deferred, mode);
      }
    }
    return deferred != null ? deferred : settings.modeFor(label);
  }

  /**
   * How sure the judge is of the <em>response</em>: the total probability of the labels that answer
   * the same mode as {@code topLabel}. Two labels the policy answers alike (say, public reference
   * and generic code, both ALLOW) are not a doubt worth escalating; this is what is compared with
   * {@code judge.escalationThreshold}.
   *
   * @param scores probability per label (summing to about 1)
   */
  public static double decisionConfidence(
      PolicyDocument policy,
      String topLabel,
      Map<String, Double> scores,
      Map<String, Integer> familyCounts) {
    ResponseMode top = modeFor(policy, topLabel, familyCounts);
    double sure = 0;
    for (Map.Entry<String, Double> e : scores.entrySet()) {
      if (modeFor(policy, e.getKey(), familyCounts) == top) {
        sure += e.getValue();
      }
    }
    return Math.min(1.0, sure);
  }
}
