package dev.tether.agent.enforce;

import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.pipeline.PipelineResult;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.crypto.Digests;
import dev.tether.core.decision.Control;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.ResponseMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the audit records of a decision: one per control that fired (with its detector ids,
 * finding count and count per finding type, or its judge verdict and escalation flag) and the
 * POLICY record of the applied mode. Every record carries the device, OS user, developer, app,
 * destination, provider, model, policy version, content digest and size, and the decision's trace
 * id. Never the payload.
 */
final class AuditRecords {
  private final DecisionService.AuditContext context;
  private final Clock clock;

  AuditRecords(DecisionService.AuditContext context, Clock clock) {
    this.context = context;
    this.clock = clock;
  }

  /**
   * The records of one decision, in order. The POLICY record is marked escalated when any control
   * of the decision was.
   */
  List<AuditEvent> forDecision(InspectedRequest request, PipelineResult result, String traceId) {
    List<AuditEvent> events = new ArrayList<>();
    boolean escalated = false;
    for (Control control : result.controls()) {
      escalated |= control.escalated();
      AuditEvent event =
          event(
                  request,
                  result.policyVersion(),
                  control.layer(),
                  control.mode(),
                  control.reason(),
                  control.detectorIds(),
                  control.findingCount(),
                  traceId)
              .withFindingTypes(control.findingTypes());
      if (control.classification() != null || control.escalated()) {
        event =
            event.withJudgement(
                control.classification(), control.confidence(), control.escalated());
      }
      events.add(event);
    }
    Decision decision = result.decision();
    AuditEvent policyEvent =
        event(
            request,
            result.policyVersion(),
            AuditLayer.POLICY,
            decision.mode(),
            decision.reason(),
            List.of(),
            0,
            traceId);
    events.add(escalated ? policyEvent.withJudgement(null, null, true) : policyEvent);
    return events;
  }

  /** An AGENT record written outside the pipeline under the decision's id (and trace id). */
  AuditEvent agent(
      InspectedRequest request,
      long policyVersion,
      ResponseMode mode,
      String reason,
      String traceId) {
    return event(request, policyVersion, AuditLayer.AGENT, mode, reason, List.of(), 0, traceId);
  }

  private AuditEvent event(
      InspectedRequest request,
      long policyVersion,
      AuditLayer layer,
      ResponseMode mode,
      String reason,
      List<String> detectorIds,
      int findingCount,
      String traceId) {
    return new AuditEvent(
            AuditEvent.newId(),
            request.decisionId(),
            clock.instant(),
            context.deviceId(),
            context.osUser(),
            layer,
            mode,
            reason,
            request.host(),
            request.provider().name(),
            policyVersion,
            detectorIds,
            findingCount,
            Digests.sha256(request.body()),
            request.body().length)
        .withContext(
            bounded(request.app()), context.developer(), bounded(request.api().model()), traceId);
  }

  /** Client-supplied values are cut to the record's 255-character field bound. */
  private static String bounded(String value) {
    return value == null || value.isBlank()
        ? null
        : value.substring(0, Math.min(255, value.length()));
  }
}
