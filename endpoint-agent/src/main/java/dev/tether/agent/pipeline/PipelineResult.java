package dev.tether.agent.pipeline;

import dev.tether.core.decision.Control;
import dev.tether.core.decision.Decision;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one pass through the pipeline.
 *
 * @param decision Allow or Block
 * @param controls every control that fired, in order (one audit record each)
 * @param stagesRun names of the stages that ran, in order
 * @param policyName name of the policy in force, or {@code null}
 * @param policyVersion its version, 0 when none
 */
public record PipelineResult(
    Decision decision,
    List<Control> controls,
    List<String> stagesRun,
    String policyName,
    long policyVersion) {
  public PipelineResult {
    Objects.requireNonNull(decision, "decision");
    controls = List.copyOf(controls);
    stagesRun = List.copyOf(stagesRun);
  }
}
