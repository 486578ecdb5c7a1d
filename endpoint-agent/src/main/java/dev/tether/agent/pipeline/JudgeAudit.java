package dev.tether.agent.pipeline;

import dev.tether.core.api.JudgeResponse;
import dev.tether.core.decision.Control;
import dev.tether.core.policy.ResponseMode;
import dev.tether.models.judge.Judgement;
import java.util.Locale;

/**
 * JUDGE-layer controls, audited separately from rule controls. The reason is one line of {@code
 * key=value} fields, never payload content: {@code model}, {@code label}, {@code confidence},
 * {@code escalated}, and for escalations {@code cloud} (the cloud label and confidence, or why
 * there is none: {@code air-gap}, {@code disabled}, {@code timeout}, {@code error:<class>}), {@code
 * cloudModel} and {@code failSafe}. The code of a label verdict is the label (as {@code
 * responses.overrides} classifications name it); otherwise {@code judge_fail_safe} or {@code
 * repeated_blocked_attempts}.
 */
final class JudgeAudit {
  private JudgeAudit() {}

  /** The local judge was sure enough. */
  static Control local(Judgement local, ResponseMode mode) {
    return Control.judge(
        mode,
        code(local.label().label()),
        fields(local, false),
        local.label().label(),
        local.confidence(),
        false);
  }

  /** The cloud judge answered an escalation. */
  static Control cloud(Judgement local, JudgeResponse cloud, ResponseMode mode) {
    return Control.judge(
        mode,
        code(cloud.label()),
        fields(local, true)
            + String.format(
                Locale.ROOT,
                " cloud=%s@%.3f cloudModel=%s",
                cloud.label(),
                cloud.confidence(),
                cloud.model()),
        cloud.label(),
        cloud.confidence(),
        true);
  }

  /** Unsure, and no cloud answer: the fail-safe mode applies. */
  static Control failSafe(Judgement local, boolean attempted, String why, ResponseMode mode) {
    return Control.judge(
        mode,
        "judge_fail_safe",
        fields(local, attempted) + " cloud=" + why + " failSafe=" + mode,
        local.label().label(),
        local.confidence(),
        attempted);
  }

  /** The label itself, so {@code responses.overrides} entries naming a classification match. */
  private static String code(String label) {
    return label;
  }

  private static String fields(Judgement local, boolean escalated) {
    return String.format(
        Locale.ROOT,
        "model=%s label=%s confidence=%.3f escalated=%s",
        local.model(),
        local.label().label(),
        local.confidence(),
        escalated);
  }
}
