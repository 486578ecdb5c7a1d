package dev.tether.agent.pipeline;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;

/** Stage 1: without a verified, unexpired policy, AI egress is blocked (fail closed). */
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
    }
  }
}
