package dev.tether.agent.pipeline;

import dev.tether.core.decision.Control;
import java.util.List;

/**
 * The trace of one decision, as the pipeline reports it: one child span per stage under the
 * decision's root span. Confined to the decision's thread.
 *
 * <p>Lifecycle, in order: created per decision by the tracer ({@code
 * dev.tether.agent.telemetry.DecisionTracer}); {@link #stageStarted} and {@link #stageEnded} around
 * every stage that runs (including policy mapping and the spool write); {@link #end} once.
 *
 * <p>Guarantees every implementation keeps: no method throws (a failing trace never blocks or
 * changes a decision), no method blocks on I/O, and nothing from the payload reaches a span: only
 * stage names, control codes, layers, modes, detector ids and counts, judge labels and confidences.
 */
public interface DecisionTrace {
  /** A decision that is not traced: every call does nothing, {@link #traceId} is {@code null}. */
  DecisionTrace NONE =
      new DecisionTrace() {
        @Override
        public String traceId() {
          return null;
        }

        @Override
        public void stageStarted(String stage) {}

        @Override
        public void stageEnded(String stage, List<Control> fired, Throwable failure) {}

        @Override
        public void end(PipelineResult result) {}
      };

  /** The W3C trace id (32 lowercase hex) written into every audit record, or {@code null}. */
  String traceId();

  /** A stage begins (opens its child span). */
  void stageStarted(String stage);

  /**
   * The stage that began last ends.
   *
   * @param fired the controls it fired (no content: codes, modes, detector ids, judge verdicts)
   * @param failure what it threw, or {@code null}; only its class name is recorded
   */
  void stageEnded(String stage, List<Control> fired, Throwable failure);

  /** The decision is final and audited (or failed to be): closes the root span. */
  void end(PipelineResult result);
}
