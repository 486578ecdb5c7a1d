package dev.tether.agent.enforce;

import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.pipeline.PipelineResult;
import dev.tether.core.decision.Decision;

/**
 * Carries out each response mode once the decision is audited. Called by {@link Enforcer} only; may
 * throw (the enforcer then blocks).
 */
public interface ModeHandlers {

  /** What the proxy must do for {@code result}. */
  Enforcement enforce(InspectedRequest request, PipelineResult result, DecisionService decisions)
      throws java.io.IOException;

  /**
   * Allow and Warn forward unchanged; everything else answers with the provider-shaped block. Used
   * where interactive modes are not wired (tests, or an agent without a status page).
   */
  static ModeHandlers none() {
    return (request, result, decisions) -> {
      Decision decision = result.decision();
      if (decision instanceof Decision.Allow || decision instanceof Decision.Warn) {
        return Enforcement.Forward.unchanged(request.decisionId());
      }
      return Enforcer.block(request, result, decision);
    };
  }
}
