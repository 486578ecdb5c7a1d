package dev.tether.agent.pipeline;

import dev.tether.core.api.JudgeRequest;
import dev.tether.core.api.JudgeResponse;
import dev.tether.core.policy.JudgeSettings;
import dev.tether.core.policy.ResponseMode;
import dev.tether.models.judge.JudgeInput;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Stage 5: escalation of an unsure local judgement ({@link PendingJudgement}) to the cloud judge,
 * and the only stage that may do network I/O, bounded by {@code judge.timeoutMillis}.
 *
 * <ul>
 *   <li>Nothing pending: does nothing.
 *   <li>Air-gap mode or cloud judge off: no connection is attempted; fires the fail-safe control.
 *   <li>Otherwise sends a {@link JudgeRequest} built only from the redacted input (every rule
 *       finding already replaced by its typed placeholder; the raw payload is not reachable from
 *       here) and fires a JUDGE control with the mode the policy assigns the cloud label.
 *   <li>Timeout, error, or an answer with an unknown label: fires the fail-safe control ({@code
 *       judge.failSafe}, by default the stricter of the local label's mode and COACH).
 * </ul>
 *
 * <p>Always resolves the pending judgement with exactly one JUDGE control. Never logs text.
 */
public final class EscalationStage implements Stage {
  public static final String NAME = "escalation";

  private static final System.Logger LOG = System.getLogger(EscalationStage.class.getName());
  private static final String ELISION = "\n[...]\n";

  private final CloudJudge cloud;

  public EscalationStage(CloudJudge cloud) {
    this.cloud = Objects.requireNonNull(cloud, "cloud");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(InspectedRequest request, Evaluation evaluation) throws Exception {
    if (evaluation.pendingJudgement().isEmpty()) {
      return;
    }
    PendingJudgement pending = evaluation.pendingJudgement().get();
    JudgeSettings settings = evaluation.requirePolicy().document().judge();
    ResponseMode failSafe = settings.failSafeFor(pending.localMode());
    if (!settings.escalationAllowed()) {
      String why = settings.effectiveAirGap() ? "air-gap" : "disabled";
      evaluation.fire(JudgeAudit.failSafe(pending.local(), false, why, failSafe));
      evaluation.resolveJudgement();
      return;
    }
    JudgeRequest outbound = requestFor(request, pending);
    try {
      JudgeResponse answer =
          cloud.ask(outbound, Duration.ofMillis(settings.effectiveTimeoutMillis()));
      if (answer == null || !JudgeSettings.LABELS.contains(answer.label())) {
        throw new IllegalStateException("cloud judge answered an unknown label");
      }
      ResponseMode mode =
          JudgeModes.modeFor(
              evaluation.requirePolicy().document(),
              answer.label(),
              pending.input().familyCounts());
      evaluation.fire(JudgeAudit.cloud(pending.local(), answer, mode));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      evaluation.fire(JudgeAudit.failSafe(pending.local(), true, "interrupted", failSafe));
    } catch (Exception e) {
      boolean timeout = e instanceof HttpTimeoutException || e instanceof TimeoutException;
      LOG.log(
          timeout ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
          "decision={0} cloud judge unavailable ({1}); fail-safe {2}",
          request.decisionId(),
          e.getClass().getSimpleName(),
          failSafe);
      String why = timeout ? "timeout" : "error:" + e.getClass().getSimpleName();
      evaluation.fire(JudgeAudit.failSafe(pending.local(), true, why, failSafe));
    }
    evaluation.resolveJudgement();
  }

  /** The escalation request: redacted text (bounded: head and tail), context, local verdict. */
  static JudgeRequest requestFor(InspectedRequest request, PendingJudgement pending) {
    JudgeInput input = pending.input();
    return new JudgeRequest(
        request.decisionId(),
        bounded(input.redactedText()),
        request.host(),
        request.provider().name(),
        input.app(),
        input.typeCounts(),
        input.originalChars(),
        pending.local().label().label(),
        pending.local().confidence(),
        pending.local().model());
  }

  static String bounded(String text) {
    int max = JudgeRequest.MAX_TEXT_CHARS;
    if (text.length() <= max) {
      return text;
    }
    int head = (max - ELISION.length()) / 2;
    int tail = max - ELISION.length() - head;
    int headEnd = Character.isHighSurrogate(text.charAt(head - 1)) ? head - 1 : head;
    int tailStart = text.length() - tail;
    if (Character.isLowSurrogate(text.charAt(tailStart))) {
      tailStart++;
    }
    return text.substring(0, headEnd) + ELISION + text.substring(tailStart);
  }
}
