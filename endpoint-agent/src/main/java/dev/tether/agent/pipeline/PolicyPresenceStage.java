package dev.tether.agent.pipeline;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.decision.Control;
import dev.tether.core.policy.ResponseMode;

/**
 * Stage 1: without a verified policy AI egress is blocked (fail closed); in FALLBACK (grace over or
 * bundle expired) only the hosts the policy's fallback posture allows go on to the other stages.
 */
public final class PolicyPresenceStage implements Stage {
  public static final String NAME = "policy-presence";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(InspectedRequest request, Evaluation evaluation) {
    if (evaluation.policy().isEmpty()) {
      evaluation.fire(
          Control.of(
              AuditLayer.DESTINATION,
              ResponseMode.BLOCK,
              "no_verified_policy",
              "no verified policy"));
      evaluation.halt();
    } else if (evaluation.policy().get().fallbackBlocks(request.host())) {
      evaluation.fire(
          Control.of(
              AuditLayer.AGENT,
              ResponseMode.BLOCK,
              "policy_fallback",
              "policy refresh failing past the grace period: fallback posture"));
      evaluation.halt();
    }
  }
}
