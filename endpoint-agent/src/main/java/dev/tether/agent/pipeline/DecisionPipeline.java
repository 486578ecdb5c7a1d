package dev.tether.agent.pipeline;

import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.decision.Control;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.ResponseMode;
import java.util.List;
import java.util.Objects;

/**
 * The decision pipeline: the one place that lists, in order, every control an intercepted request
 * passes. Read {@link #standard} top to bottom to know what the agent does.
 *
 * <p>Guarantee: {@link #decide} never throws and never returns Allow after a failure. Any exception
 * in any stage or in the mapping becomes Block with reason {@code internal error}, with an AGENT
 * control recorded for the audit trail.
 */
public final class DecisionPipeline {
  private static final System.Logger LOG = System.getLogger(DecisionPipeline.class.getName());

  private final List<Stage> stages;
  private final PolicyMapping mapping;

  public DecisionPipeline(List<Stage> stages, PolicyMapping mapping) {
    this.stages = List.copyOf(stages);
    this.mapping = Objects.requireNonNull(mapping, "mapping");
  }

  /**
   * The standard pipeline with this process's on-device judge ({@link LocalJudge#shared()}) and no
   * cloud judge (escalations apply the policy's fail-safe mode).
   */
  public static DecisionPipeline standard(ContentScanner scanner, int maxDecodedBytes) {
    return standard(
        scanner,
        maxDecodedBytes,
        LocalJudge.shared(),
        CloudJudge.NONE,
        new AttemptHistory(java.time.Clock.systemUTC()));
  }

  /** The standard pipeline, in order. */
  public static DecisionPipeline standard(
      ContentScanner scanner,
      int maxDecodedBytes,
      LocalJudge judge,
      CloudJudge cloud,
      AttemptHistory history) {
    return new DecisionPipeline(
        List.of(
            // 1. No verified, unexpired policy: block (fail closed).
            new PolicyPresenceStage(),
            // 2. Destination rules: hosts the policy blocks outright.
            new DestinationRulesStage(),
            // 3. Deterministic detectors on the decoded payload.
            new DetectorStage(scanner, maxDecodedBytes),
            // 4. On-device judge on the redacted prompt: classification + confidence.
            new JudgeStage(scanner, judge, history, maxDecodedBytes),
            // 5. Escalation of an unsure judgement to the cloud judge (redacted, never in air-gap).
            new EscalationStage(cloud)),
        // 6. Policy mapping: findings and classification -> one response mode.
        new ModeMapping());
  }

  /** Names of the stages in order, for documentation and tests. */
  public List<String> stageNames() {
    return stages.stream().map(Stage::name).toList();
  }

  /**
   * Decides one request against {@code policy} (the verified, unexpired policy, or {@code null}).
   */
  public PipelineResult decide(InspectedRequest request, ActivePolicy policy) {
    return decide(request, policy, DecisionTrace.NONE);
  }

  /**
   * Decides one request, reporting each stage (and the mapping) to {@code trace} as it runs. The
   * trace sees only what the controls carry (codes, modes, detector ids, verdicts), never content.
   */
  public PipelineResult decide(InspectedRequest request, ActivePolicy policy, DecisionTrace trace) {
    Evaluation evaluation = new Evaluation(policy);
    String name = policy == null ? null : policy.name();
    long version = policy == null ? 0 : policy.version();
    try {
      for (Stage stage : stages) {
        if (evaluation.halted()) {
          break;
        }
        evaluation.ran(stage.name());
        traced(trace, stage.name(), evaluation, () -> stage.apply(request, evaluation));
      }
      if (evaluation.pendingJudgement().isPresent()) {
        throw new IllegalStateException("unsure judgement left unresolved (no escalation stage)");
      }
      evaluation.ran(ModeMapping.NAME);
      Decision[] mapped = new Decision[1];
      traced(
          trace, ModeMapping.NAME, evaluation, () -> mapped[0] = mapping.map(request, evaluation));
      Decision decision = mapped[0];
      if (decision == null) {
        throw new IllegalStateException("policy mapping returned no decision");
      }
      return new PipelineResult(
          decision, evaluation.controls(), evaluation.stagesRun(), name, version);
    } catch (Exception | StackOverflowError | LinkageError e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "decision={0} policyVersion={1} blocked: internal error in stage {2}: {3}",
          request.decisionId(),
          version,
          lastStage(evaluation),
          e.getClass().getName());
      evaluation.fire(
          Control.of(
              AuditLayer.AGENT,
              ResponseMode.BLOCK,
              "internal_error",
              "internal error in "
                  + lastStage(evaluation)
                  + " ("
                  + e.getClass().getSimpleName()
                  + ")"));
      return new PipelineResult(
          new Decision.Block("internal error", "internal_error"),
          evaluation.controls(),
          evaluation.stagesRun(),
          name,
          version);
    }
  }

  /** A step that may throw anything a stage may throw. */
  private interface Step {
    void run() throws Exception;
  }

  /** Runs one step inside its stage span; the span records the controls the step fired. */
  private static void traced(DecisionTrace trace, String stage, Evaluation evaluation, Step step)
      throws Exception {
    int before = evaluation.controlCount();
    trace.stageStarted(stage);
    Throwable failure = null;
    try {
      step.run();
    } catch (Exception | Error e) {
      failure = e;
      throw e;
    } finally {
      trace.stageEnded(stage, evaluation.controlsSince(before), failure);
    }
  }

  private static String lastStage(Evaluation evaluation) {
    List<String> run = evaluation.stagesRun();
    return run.isEmpty() ? "pipeline" : run.get(run.size() - 1);
  }
}
