package dev.tether.agent.pipeline;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;

/** Stage 2: hosts on the policy's blocked list are refused before any content is inspected. */
public final class DestinationRulesStage implements Stage {
  public static final String NAME = "destination-rules";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(InspectedRequest request, Evaluation evaluation) {
    if (evaluation.requirePolicy().document().isBlocked(request.host())) {
      evaluation.fire(
          Control.of(
              AuditLayer.DESTINATION,
              ResponseMode.BLOCK,
              "destination_blocked",
              "destination " + request.host() + " is blocked by policy"));
      evaluation.halt();
    }
  }
}
