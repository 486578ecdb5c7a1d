package dev.tether.agent.enforce;

import dev.tether.agent.audit.AuditSpool;
import dev.tether.agent.pipeline.DecisionPipeline;
import dev.tether.agent.pipeline.DecisionTrace;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.pipeline.PipelineResult;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.agent.telemetry.DecisionTracer;
import dev.tether.agent.telemetry.TelemetryStatus;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.decision.Control;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.ResponseMode;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs the pipeline for one request and makes its audit durable before the decision is released. If
 * the audit cannot be written, the request is blocked: audit is never lost silently.
 */
public final class DecisionService {
  private static final System.Logger LOG = System.getLogger(DecisionService.class.getName());

  /** The trace stage of the durable spool write, after the pipeline. */
  public static final String SPOOL_STAGE = "audit-spool";

  /** The trace stage of a refusal decided before the pipeline (e.g. plain HTTP to an AI host). */
  public static final String DESTINATION_STAGE = "destination-refusal";

  private final DecisionPipeline pipeline;
  private final Supplier<ActivePolicy> enforceablePolicy;
  private final AuditSpool spool;
  private final AuditContext context;
  private final Clock clock;
  private final DecisionTracer tracer;
  private final RecentTraces traces = new RecentTraces();
  private final AuditRecords records;
  private final java.util.concurrent.atomic.AtomicLong refusedOverloaded =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * @param enforceablePolicy the verified, unexpired policy or {@code null}, read once per request
   */
  public DecisionService(
      DecisionPipeline pipeline,
      Supplier<ActivePolicy> enforceablePolicy,
      AuditSpool spool,
      AuditContext context,
      Clock clock) {
    this(pipeline, enforceablePolicy, spool, context, clock, DecisionTracer.disabled());
  }

  /**
   * @param tracer opens one trace per decision; its trace id is written into every audit record
   */
  public DecisionService(
      DecisionPipeline pipeline,
      Supplier<ActivePolicy> enforceablePolicy,
      AuditSpool spool,
      AuditContext context,
      Clock clock,
      DecisionTracer tracer) {
    this.pipeline = Objects.requireNonNull(pipeline);
    this.enforceablePolicy = Objects.requireNonNull(enforceablePolicy);
    this.spool = Objects.requireNonNull(spool);
    this.context = Objects.requireNonNull(context);
    this.clock = Objects.requireNonNull(clock);
    this.tracer = Objects.requireNonNull(tracer);
    this.records = new AuditRecords(context, clock);
  }

  /** Decision-trace export counters, for {@code status}. */
  public TelemetryStatus telemetry() {
    return tracer.status();
  }

  /**
   * Who and where, stamped on every audit record.
   *
   * @param deviceId the enrolled device
   * @param osUser the OS account the agent runs for
   * @param developer the authenticated developer, or {@code null} when the agent knows none
   */
  public record AuditContext(String deviceId, String osUser, String developer) {
    public AuditContext {
      Objects.requireNonNull(deviceId, "deviceId");
    }

    /** Without an authenticated developer. */
    public AuditContext(String deviceId, String osUser) {
      this(deviceId, osUser, null);
    }
  }

  /**
   * Counts a request refused because the agent was too busy to decide it. Such a request is blocked
   * (nothing is forwarded) but no decision, and so no audit record, exists for it; the count is
   * reported in {@code status} and logged at ERROR by the caller.
   */
  public void countOverloadRefusal() {
    refusedOverloaded.incrementAndGet();
  }

  /** Requests refused without a decision because the agent was overloaded, since start. */
  public long overloadRefusals() {
    return refusedOverloaded.get();
  }

  /** Decides, audits durably, and returns the outcome; never throws. */
  public PipelineResult decide(InspectedRequest request) {
    DecisionTrace trace = tracer.start(request);
    traces.put(request.decisionId(), trace.traceId());
    PipelineResult result = decideAndAudit(request, trace);
    trace.end(result);
    return result;
  }

  private PipelineResult decideAndAudit(InspectedRequest request, DecisionTrace trace) {
    ActivePolicy policy;
    PipelineResult result;
    try {
      policy = enforceablePolicy.get();
      result = pipeline.decide(request, policy, trace);
    } catch (RuntimeException e) {
      result =
          new PipelineResult(
              new Decision.Block("internal error", "internal_error"),
              List.of(
                  Control.of(
                      AuditLayer.AGENT,
                      ResponseMode.BLOCK,
                      "internal_error",
                      "internal error reading policy")),
              List.of(),
              null,
              0);
    }
    try {
      spoolTraced(trace, events(request, result, trace.traceId()));
    } catch (Exception e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "decision={0} policyVersion={1} blocked: audit spool unavailable: {2}",
          request.decisionId(),
          result.policyVersion(),
          e.getMessage());
      return new PipelineResult(
          new Decision.Block("audit unavailable", "audit_unavailable"),
          result.controls(),
          result.stagesRun(),
          result.policyName(),
          result.policyVersion());
    }
    // An allowed decision is logged at DEBUG only (the audit record is its durable account; a
    // formatted INFO line per request cost ~20 % of the proxy's CPU under load); anything else
    // stays at INFO so the user can find why a request was stopped or changed.
    LOG.log(
        result.decision().mode() == ResponseMode.ALLOW
            ? System.Logger.Level.DEBUG
            : System.Logger.Level.INFO,
        "decision={0} policyVersion={1} host={2} mode={3} trace={4}",
        request.decisionId(),
        result.policyVersion(),
        request.host(),
        result.decision().mode(),
        trace.traceId() == null ? "-" : trace.traceId());
    return result;
  }

  /** The durable spool write as the trace's last stage. */
  private void spoolTraced(DecisionTrace trace, List<AuditEvent> events) throws Exception {
    trace.stageStarted(SPOOL_STAGE);
    Exception failure = null;
    try {
      spool.append(events);
    } catch (Exception e) {
      failure = e;
      throw e;
    } finally {
      trace.stageEnded(SPOOL_STAGE, List.of(), failure);
    }
  }

  /**
   * Refuses a request without running the pipeline (e.g. plain HTTP to an AI host): one DESTINATION
   * record and the POLICY record, durably, like any other decision. Never throws.
   */
  public PipelineResult refuse(InspectedRequest request, String code, String reason) {
    DecisionTrace trace = tracer.start(request);
    traces.put(request.decisionId(), trace.traceId());
    ActivePolicy policy = null;
    try {
      policy = enforceablePolicy.get();
    } catch (RuntimeException e) {
      // audited without a policy version
    }
    PipelineResult result =
        new PipelineResult(
            new Decision.Block(reason, code),
            List.of(Control.of(AuditLayer.DESTINATION, ResponseMode.BLOCK, code, reason)),
            List.of(),
            policy == null ? null : policy.name(),
            policy == null ? 0 : policy.version());
    trace.stageStarted(DESTINATION_STAGE);
    trace.stageEnded(DESTINATION_STAGE, result.controls(), null);
    try {
      spoolTraced(trace, events(request, result, trace.traceId()));
    } catch (Exception e) {
      LOG.log(
          System.Logger.Level.ERROR, "decision={0}: audit spool unavailable", request.decisionId());
    }
    trace.end(result);
    return result;
  }

  /**
   * Audits an event outside the pipeline (e.g. upstream TLS failure after an Allow) under the same
   * decision id. Returns false if it could not be made durable.
   */
  public boolean auditAgentEvent(InspectedRequest request, long policyVersion, String reason) {
    try {
      spool.append(
          List.of(
              records.agent(
                  request,
                  policyVersion,
                  ResponseMode.BLOCK,
                  reason,
                  traces.get(request.decisionId()))));
      return true;
    } catch (Exception e) {
      LOG.log(
          System.Logger.Level.ERROR, "decision={0}: audit spool unavailable", request.decisionId());
      return false;
    }
  }

  /**
   * Audits what enforcement did after the decision (e.g. a Coach acknowledged with its
   * justification, a Request approved, a watermark applied with its fingerprint) as an AGENT record
   * under the same decision id.
   *
   * @throws java.io.IOException if it could not be made durable (the caller then blocks)
   */
  public void auditEnforcement(
      InspectedRequest request, long policyVersion, ResponseMode mode, String reason)
      throws java.io.IOException {
    spool.append(
        List.of(
            records.agent(request, policyVersion, mode, reason, traces.get(request.decisionId()))));
  }

  /** The OS user stamped on audit records (part of a {@link RequestKey}). */
  public String osUser() {
    return context.osUser();
  }

  List<AuditEvent> events(InspectedRequest request, PipelineResult result, String traceId) {
    return records.forDecision(request, result, traceId);
  }
}
