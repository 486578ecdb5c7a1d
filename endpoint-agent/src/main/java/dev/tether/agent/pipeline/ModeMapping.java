package dev.tether.agent.pipeline;

import dev.tether.core.decision.Decision;
import dev.tether.core.decision.RequestContext;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ResponseMode;

/**
 * Stage 6 (policy mapping): the controls that fired, the destination and the sending app become one
 * {@link Decision} through {@link dev.tether.core.decision.ModeMapping} in {@code core}, the very
 * code the console's simulator runs. See there for the strictness order, the per-destination,
 * per-app, per-finding and per-label overrides, and what is never overridden.
 */
public final class ModeMapping implements PolicyMapping {
  public static final String NAME = "policy-mapping";

  /** Rank of {@code mode} in the strictness order (higher is stricter). */
  public static int strictness(ResponseMode mode) {
    return dev.tether.core.decision.ModeMapping.strictness(mode);
  }

  @Override
  public Decision map(InspectedRequest request, Evaluation evaluation) {
    PolicyDocument policy = evaluation.policy().map(p -> p.document()).orElse(null);
    return dev.tether.core.decision.ModeMapping.map(
            policy, new RequestContext(request.host(), request.app()), evaluation.controls())
        .decision();
  }
}
