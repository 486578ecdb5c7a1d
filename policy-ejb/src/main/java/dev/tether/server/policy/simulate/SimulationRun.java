package dev.tether.server.policy.simulate;

import dev.tether.core.api.JudgeRequest;
import dev.tether.core.api.JudgeResponse;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.decision.Control;
import dev.tether.core.decision.JudgeModes;
import dev.tether.core.decision.ModeMapping;
import dev.tether.core.decision.RequestContext;
import dev.tether.core.decision.RuleControls;
import dev.tether.core.policy.JudgeSettings;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import dev.tether.models.judge.JudgeInput;
import dev.tether.models.judge.PromptText;
import dev.tether.server.policy.PolicyUnderTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * One simulation, top to bottom in the agent's stage order: destination rules, detectors, judge,
 * escalation, policy mapping, then the developer's response ({@link Responses}). Every decision
 * step is the shared {@code core} code the agent runs; only the judge differs (the server's model
 * answers for both judges). No I/O except through the {@link Classifier}; never logs the payload.
 */
final class SimulationRun {
  /** Classifies a redacted payload; throws when no judge can answer (loading, busy, timeout). */
  interface Classifier {
    JudgeResponse classify(JudgeRequest request) throws Exception;
  }

  private final PolicyUnderTest policy;
  private final SimulationRequest request;
  private final RuleEngine engine;
  private final Classifier classifier;
  private final List<String> stages = new ArrayList<>();
  private final List<Control> controls = new ArrayList<>();

  SimulationRun(
      PolicyUnderTest policy, SimulationRequest request, RuleEngine engine, Classifier classifier) {
    this.policy = policy;
    this.request = request;
    this.engine = engine;
    this.classifier = classifier;
  }

  Simulation run() {
    PolicyDocument doc = policy.document();
    String host = request.destination();
    Optional<dev.tether.core.policy.AiDestination> listed = doc.aiDestinationFor(host);
    Simulation.PolicyRef ref =
        new Simulation.PolicyRef(doc.name(), policy.source(), policy.version());
    stages.add("policy-presence");
    if (listed.isEmpty() && !doc.isBlocked(host)) {
      return Unlisted.simulate(ref, request, doc);
    }
    stages.add("destination-rules");
    Optional<Control> blocked = RuleControls.blockedDestination(doc, host);
    List<Finding> findings = List.of();
    Simulation.JudgeView judge = null;
    if (blocked.isPresent()) {
      controls.add(blocked.get());
    } else {
      stages.add("detectors");
      findings = engine.scan(request.payload());
      controls.addAll(RuleControls.fromFindings(doc, findings));
      judge = judge(doc, host);
    }
    stages.add("policy-mapping");
    ModeMapping.Mapping mapping =
        ModeMapping.map(doc, new RequestContext(host, request.app()), controls);
    String provider =
        request.provider() != null
            ? request.provider()
            : listed.map(d -> d.provider().name()).orElse("OPENAI");
    return new Simulation(
        ref,
        stages,
        new Simulation.DestinationView(
            host,
            blocked.isPresent() ? "blocked" : "intercepted",
            listed.map(d -> d.provider().name()).orElse(null),
            blocked.isPresent()
                ? "on the policy's blocked list: refused before any content is inspected"
                : "an AI destination of the policy: decrypted and inspected"),
        request.app(),
        FindingViews.of(request.payload(), findings),
        findings.size() > Simulation.MAX_FINDINGS,
        FindingViews.redacted(request.payload(), findings),
        judge,
        Responses.controls(mapping, doc),
        mapping.defaultOverrideIndex() < 0
            ? null
            : new Simulation.OverrideRef(
                mapping.defaultOverrideIndex(),
                doc.responses().overrides().get(mapping.defaultOverrideIndex())),
        Responses.decision(mapping.decision()),
        Responses.response(mapping.decision(), provider, doc, policy.version()));
  }

  /** The judge and escalation stages, as the agent runs them, with the server's model. */
  private Simulation.JudgeView judge(PolicyDocument doc, String host) {
    JudgeSettings settings = doc.judge();
    if (!settings.effectiveEnabled()) {
      return new Simulation.JudgeView(
          false, null, null, null, null, null, null, "judge.enabled is false: no judge runs");
    }
    String prompt = promptOf(request.payload());
    if (prompt.isBlank()) {
      return new Simulation.JudgeView(
          false, null, null, null, null, null, null, "no prompt text: the judge does not run");
    }
    stages.add("judge");
    if (controls.stream().anyMatch(c -> c.mode() == ResponseMode.BLOCK)) {
      return new Simulation.JudgeView(
          false,
          null,
          null,
          null,
          null,
          null,
          null,
          "a rule already blocks: the agent does not run the judge (it cannot change a block)");
    }
    JudgeInput input = JudgeInput.of(prompt, engine.scan(prompt), host, request.app());
    JudgeResponse answer;
    try {
      answer = classifier.classify(judgeRequest(input, host));
    } catch (Exception e) {
      return new Simulation.JudgeView(
          false,
          null,
          null,
          null,
          null,
          null,
          null,
          "no judge available ("
              + e.getMessage()
              + "); the result below is rules and overrides only. On a device the on-device judge"
              + " still classifies: a label the policy answers more strictly would tighten it, and"
              + " when it is unsure and cannot escalate, the fail-safe "
              + settings.failSafeFor(ResponseMode.ALLOW)
              + " applies");
    }
    ResponseMode mode = JudgeModes.modeFor(doc, answer.label(), input.familyCounts());
    double sure =
        JudgeModes.decisionConfidence(doc, answer.label(), answer.scores(), input.familyCounts());
    String outcome;
    if (sure >= settings.effectiveEscalationThreshold()) {
      controls.add(judgeControl(answer, mode, "sure"));
      outcome = "sure enough (threshold " + settings.effectiveEscalationThreshold() + "): " + mode;
    } else if (settings.escalationAllowed()) {
      stages.add("escalation");
      controls.add(judgeControl(answer, mode, "escalated"));
      outcome = "unsure: escalated to the cloud judge, whose label answers " + mode;
    } else {
      stages.add("escalation");
      ResponseMode failSafe = settings.failSafeFor(mode);
      controls.add(
          Control.of(
              AuditLayer.JUDGE,
              failSafe,
              "judge_fail_safe",
              "judge unsure ("
                  + (settings.effectiveAirGap() ? "air-gap" : "cloud judge disabled")
                  + "): fail-safe "
                  + failSafe));
      outcome = "unsure and no escalation allowed: fail-safe " + failSafe;
    }
    return new Simulation.JudgeView(
        true,
        answer.model(),
        answer.label(),
        answer.confidence(),
        sure,
        answer.scores(),
        mode,
        outcome);
  }

  private static Control judgeControl(JudgeResponse answer, ResponseMode mode, String how) {
    return Control.of(
        AuditLayer.JUDGE,
        mode,
        answer.label(),
        String.format(
            Locale.ROOT,
            "model=%s label=%s confidence=%.3f (%s)",
            answer.model(),
            answer.label(),
            answer.confidence(),
            how));
  }

  private JudgeRequest judgeRequest(JudgeInput input, String host) {
    String text = input.redactedText();
    if (text.length() > JudgeRequest.MAX_TEXT_CHARS) {
      int half = JudgeRequest.MAX_TEXT_CHARS / 2 - 8;
      text = text.substring(0, half) + "\n[...]\n" + text.substring(text.length() - half);
    }
    return new JudgeRequest(
        UUID.randomUUID().toString(),
        text,
        host,
        request.provider() == null ? "OPENAI" : request.provider(),
        input.app() == null || input.app().length() > 255 ? null : input.app(),
        input.typeCounts(),
        input.originalChars(),
        "simulator",
        0.0,
        "simulator@0");
  }

  /** The prompt text the agent's judge reads: the text members of a JSON body, else the text. */
  static String promptOf(String payload) {
    return PromptText.extract(payload);
  }
}
