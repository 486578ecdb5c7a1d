package dev.tether.agent.pipeline;

import dev.tether.core.decision.RuleControls;

/**
 * Stage 2: hosts on the policy's blocked list are refused before any content is inspected ({@link
 * RuleControls#blockedDestination}, shared with the console's simulator).
 */
public final class DestinationRulesStage implements Stage {
  public static final String NAME = "destination-rules";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(InspectedRequest request, Evaluation evaluation) {
    RuleControls.blockedDestination(evaluation.requirePolicy().document(), request.host())
        .ifPresent(
            control -> {
              evaluation.fire(control);
              evaluation.halt();
            });
  }
}
