package dev.tether.agent.pipeline;

/**
 * One control in the decision pipeline.
 *
 * <p>Lifecycle, in order:
 *
 * <ol>
 *   <li>Created once when the pipeline is built; must keep no state between requests.
 *   <li>{@link #apply} is called once per intercepted request, on a decision worker thread (never a
 *       network event loop), in the order {@link DecisionPipeline#standard} lists the stages, and
 *       only while no earlier stage has called {@link Evaluation#halt()}.
 *   <li>It may record controls ({@link Evaluation#fire}) and halt the pipeline. It may not change
 *       the request, do network I/O (the escalation stage alone may, bounded by the policy's judge
 *       timeout), or log payload content.
 * </ol>
 *
 * <p>If {@code apply} throws anything, the request is blocked with reason {@code internal error}
 * and the failure is audited: there is no way for a failing stage to let a request through.
 */
public interface Stage {
  /** A short stable name, e.g. {@code destination-rules}, used in traces and tests. */
  String name();

  void apply(InspectedRequest request, Evaluation evaluation) throws Exception;
}
