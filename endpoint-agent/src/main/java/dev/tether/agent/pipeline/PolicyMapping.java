package dev.tether.agent.pipeline;

import dev.tether.core.decision.Decision;

/**
 * The last step: maps every control that fired (and the policy) to one {@link Decision}.
 *
 * <p>Called exactly once per request after the stages, also when a stage halted. If it throws, the
 * request is blocked with reason {@code internal error} and audited.
 */
public interface PolicyMapping {
  Decision map(InspectedRequest request, Evaluation evaluation) throws Exception;
}
