package dev.tether.agent.pipeline;

import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.ResponseMode;

/**
 * Stage 4 (policy mapping): the most restrictive mode of every control that fired, or the policy's
 * default mode when nothing fired, becomes the decision.
 *
 * <p>This agent can enforce ALLOW, WARN (forwarded, audited as WARN) and BLOCK. COACH, REQUEST,
 * WATERMARK and REDACT need interaction or rewriting that is not built yet: they are enforced as
 * BLOCK (code {@code mode_not_supported}) rather than silently forwarded.
 */
public final class ModeMapping implements PolicyMapping {
  public static final String NAME = "policy-mapping";

  @Override
  public Decision map(InspectedRequest request, Evaluation evaluation) {
    ResponseMode mode = null;
    Control strongest = null;
    for (Control control : evaluation.controls()) {
      if (mode == null || control.mode().ordinal() > mode.ordinal()) {
        mode = control.mode();
        strongest = control;
      }
    }
    if (strongest == null) {
      ActivePolicy policy = evaluation.requirePolicy();
      ResponseMode fallback =
          policy.document().defaultMode() == null
              ? ResponseMode.ALLOW
              : policy.document().defaultMode();
      return decide(fallback, "policy_default", "no control fired; policy default " + fallback);
    }
    return decide(mode, strongest.code(), strongest.reason());
  }

  private static Decision decide(ResponseMode mode, String code, String reason) {
    switch (mode) {
      case ALLOW:
        return new Decision.Allow(reason);
      case WARN:
        return new Decision.Allow("warn: " + reason);
      case BLOCK:
        return new Decision.Block(reason, code);
      default:
        return new Decision.Block(
            reason + " (mode " + mode + " is not supported by this agent; blocked)",
            "mode_not_supported");
    }
  }
}
