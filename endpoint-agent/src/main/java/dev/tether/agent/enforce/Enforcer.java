package dev.tether.agent.enforce;

import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.pipeline.PipelineResult;
import dev.tether.core.decision.BlockResponses;
import dev.tether.core.decision.Decision;
import java.util.Objects;

/**
 * The single entry point the proxy calls for an intercepted request: decides it (pipeline + durable
 * audit, {@link DecisionService}) and turns the decision into what the proxy must do ({@link
 * Enforcement}).
 *
 * <p>Guarantees: {@link #enforce} never throws; any failure (in the pipeline, the audit spool, a
 * mode handler, or rendering) yields an {@link Enforcement.Answer} that blocks, so nothing is
 * forwarded after an error. Block, Coach and Request never produce a {@link Enforcement.Forward}
 * unless Coach was acknowledged or Request approved for exactly this request.
 */
public final class Enforcer {
  private static final System.Logger LOG = System.getLogger(Enforcer.class.getName());

  private final DecisionService decisions;
  private final ModeHandlers modes;

  /** An enforcer with the given mode handlers. */
  public Enforcer(DecisionService decisions, ModeHandlers modes) {
    this.decisions = Objects.requireNonNull(decisions, "decisions");
    this.modes = Objects.requireNonNull(modes, "modes");
  }

  /**
   * An enforcer without interactive modes: Allow and Warn forward unchanged; Coach, Request,
   * Watermark and Redact answer with a block (never silently forwarded).
   */
  public Enforcer(DecisionService decisions) {
    this(decisions, ModeHandlers.none());
  }

  /** The decision service (for status counters). */
  public DecisionService decisions() {
    return decisions;
  }

  /** Decides, audits durably and returns what the proxy must do; never throws. */
  public Enforcement enforce(InspectedRequest request) {
    try {
      PipelineResult result = decisions.decide(request);
      return modes.enforce(request, result, decisions);
    } catch (RuntimeException | java.io.IOException | StackOverflowError e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "decision={0} blocked: internal error in enforcement: {1}",
          request.decisionId(),
          e.getClass().getName());
      decisions.auditAgentEvent(request, 0, "internal error in enforcement");
      return failClosed(request, "internal_error", "internal error");
    }
  }

  /**
   * Refuses a request without running the pipeline (e.g. plain HTTP to an AI host), audited like a
   * decision; never throws.
   */
  public Enforcement.Answer refuse(InspectedRequest request, String code, String reason) {
    try {
      PipelineResult result = decisions.refuse(request, code, reason);
      return ProviderErrors.answer(
          request,
          code,
          BlockResponses.message(result.policyName(), result.policyVersion(), reason));
    } catch (RuntimeException e) {
      return failClosed(request, code, reason);
    }
  }

  /**
   * The answer for a request the agent was too busy to decide (503, counted, not audited: no
   * decision exists). Never throws.
   */
  public Enforcement.Answer overloaded(InspectedRequest request) {
    decisions.countOverloadRefusal();
    return ProviderErrors.answer(
        request, "agent_overloaded", "Blocked by Tether: agent overloaded, try again");
  }

  /** The block answer for a decision; used by mode handlers and for failures. */
  static Enforcement.Answer block(InspectedRequest request, PipelineResult result, Decision d) {
    return ProviderErrors.answer(
        request,
        d.code(),
        BlockResponses.message(result.policyName(), result.policyVersion(), d.reason()));
  }

  private static Enforcement.Answer failClosed(
      InspectedRequest request, String code, String reason) {
    try {
      return ProviderErrors.answer(request, code, "Blocked by Tether: " + reason);
    } catch (RuntimeException e) {
      return new Enforcement.Answer(
          request.decisionId(),
          403,
          "application/json",
          FALLBACK_BODY.clone(),
          java.util.Map.of(ProviderErrors.DECISION_HEADER, request.decisionId()));
    }
  }

  private static final byte[] FALLBACK_BODY =
      ("{\"error\":{\"message\":\"Blocked by Tether: internal error\","
              + "\"type\":\"tether_policy_violation\",\"param\":null,\"code\":\"internal_error\"}}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
}
