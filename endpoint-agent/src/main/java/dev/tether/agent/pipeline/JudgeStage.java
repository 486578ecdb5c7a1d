package dev.tether.agent.pipeline;

import dev.tether.agent.policy.ActivePolicy;
import dev.tether.agent.provider.ApiCall;
import dev.tether.agent.provider.Attachment;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.decision.Control;
import dev.tether.core.policy.JudgeSettings;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.rules.Finding;
import dev.tether.models.judge.JudgeInput;
import dev.tether.models.judge.Judgement;
import dev.tether.models.judge.PromptText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Stage 4: the on-device intent judge. Takes the prompt text the provider recognition extracted
 * (prompts and attachment text; for an unrecognised body, the text members of the decoded body),
 * runs the policy's rule engine over it and redacts every finding to its typed placeholder, then
 * classifies the redacted text with {@link LocalJudge}. Runs only under a verified policy whose
 * {@code judge.enabled} is not false, and only when there is prompt text.
 *
 * <ul>
 *   <li>A control already asks BLOCK (the most restrictive mode): the model is not run, since it
 *       cannot change the decision; the attempt is recorded in the history.
 *   <li>Confidence in the response ({@link JudgeModes#decisionConfidence}: the probability of the
 *       labels answering the same mode as the top label) at or above {@code
 *       judge.escalationThreshold}: fires one JUDGE control with the mode the policy assigns the
 *       label ({@link JudgeModes}) ({@link JudgeAudit} formats model, confidence, escalation).
 *   <li>Below: fires nothing and leaves a {@link PendingJudgement} that the escalation stage must
 *       resolve (the pipeline blocks if it is left unresolved).
 *   <li>Recent history: when at least {@value #REPEATS} near-identical prompts were met by a
 *       blocking control in the last {@code AttemptHistory.WINDOW} and this one is not, fires a
 *       JUDGE control {@code repeated_blocked_attempts} with the policy's mode for {@code
 *       policy-circumvention}.
 * </ul>
 *
 * <p>Never does network I/O, never logs text. Any exception blocks the request (pipeline rule).
 */
public final class JudgeStage implements Stage {
  public static final String NAME = "judge";

  /** Near-identical blocked attempts that make a passing one suspicious. */
  static final int REPEATS = 2;

  private final ContentScanner scanner;
  private final LocalJudge judge;
  private final AttemptHistory history;
  private final int maxDecodedBytes;

  public JudgeStage(
      ContentScanner scanner, LocalJudge judge, AttemptHistory history, int maxDecodedBytes) {
    this.scanner = Objects.requireNonNull(scanner, "scanner");
    this.judge = Objects.requireNonNull(judge, "judge");
    this.history = Objects.requireNonNull(history, "history");
    this.maxDecodedBytes = maxDecodedBytes;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(InspectedRequest request, Evaluation evaluation) throws Exception {
    ActivePolicy active = evaluation.requirePolicy();
    JudgeSettings settings = active.document().judge();
    if (!settings.effectiveEnabled()) {
      return;
    }
    String prompt = promptOf(request);
    if (prompt.isBlank()) {
      return;
    }
    ContentScanner rules = scanner.forPolicy(active);
    if (prompt.length() > rules.maxChars()) {
      throw new IllegalStateException("prompt text exceeds the inspection limit");
    }
    List<Finding> findings = rules.scan(prompt);
    JudgeInput input = JudgeInput.of(prompt, findings, request.host(), null);
    if (evaluation.controls().stream().anyMatch(c -> c.mode() == ResponseMode.BLOCK)) {
      // Already the most restrictive answer: the judge cannot change it, so the model is not run;
      // the attempt still counts in the history.
      history.recordBlocked(input.redactedText());
      return;
    }
    Judgement local = judge.judge(input);
    ResponseMode mode =
        JudgeModes.modeFor(active.document(), local.label().label(), input.familyCounts());
    boolean unsure =
        JudgeModes.decisionConfidence(active.document(), local, input.familyCounts())
            < settings.effectiveEscalationThreshold();

    int repeats = history.nearIdenticalBlocked(input.redactedText());
    if (!unsure && mode == ResponseMode.BLOCK) {
      history.recordBlocked(input.redactedText());
    } else if (repeats >= REPEATS) {
      evaluation.fire(
          Control.of(
              AuditLayer.JUDGE,
              settings.modeFor("policy-circumvention"),
              "repeated_blocked_attempts",
              repeats + " near-identical attempts were blocked in the last 15 minutes"));
    }

    if (unsure) {
      evaluation.pendJudgement(new PendingJudgement(input, local, mode));
    } else {
      evaluation.fire(JudgeAudit.local(local, mode));
    }
  }

  /** Prompts and attachment text as recognised; else the text members of the decoded body. */
  String promptOf(InspectedRequest request) throws Exception {
    ApiCall api = request.api();
    StringBuilder text = new StringBuilder(api.promptText());
    for (Attachment attachment : api.attachments()) {
      if (attachment.text() != null && !attachment.text().isEmpty()) {
        text.append("\n\n").append(attachment.text());
      }
    }
    if (text.length() > 0 || request.body().length == 0) {
      return text.toString();
    }
    byte[] decoded = BodyDecoder.decode(request.body(), request.contentEncoding(), maxDecodedBytes);
    return PromptText.extract(new String(decoded, StandardCharsets.UTF_8));
  }
}
