package dev.tether.agent.enforce;

import dev.tether.agent.pipeline.ContentScanner;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.pipeline.PipelineResult;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.decision.BlockResponses;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.policy.ResponseSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Every response mode, carried out after the decision is audited.
 *
 * <ul>
 *   <li>Allow: forward unchanged.
 *   <li>Warn: forward unchanged; desktop notification ({@link Notifier}) and the status page.
 *   <li>Coach: answer 403 (provider-shaped) with a link to the status page; once acknowledged with
 *       a justification, the same request ({@link RequestKey}) is forwarded during the policy's
 *       coach window, audited with the justification.
 *   <li>Request: answer 403 and file an approval request (sent by {@link ApprovalSync}); once the
 *       console approves it, the same request is forwarded until the approval expires, audited.
 *   <li>Watermark: forward with {@link WatermarkCodec} markers in the prompt text; the audit gets
 *       the content fingerprint.
 *   <li>Redact: forward with typed placeholders; {@link PlaceholderRestorer} maps them back in the
 *       response.
 *   <li>Block: answer the provider-shaped error; nothing goes upstream.
 * </ul>
 *
 * A rewrite that cannot be done (policy changed meanwhile, unknown content encoding, watermark with
 * no prompt text) or an audit that cannot be written throws, and the enforcer blocks.
 */
public final class StandardModes implements ModeHandlers {
  private final Supplier<ActivePolicy> policy;
  private final ContentScanner scanner;
  private final int maxDecodedBytes;
  private final CoachLedger coach;
  private final ApprovalLedger approvals;
  private final RecentDecisions recent;
  private final Notifier notifier;
  private final Supplier<String> statusPage;
  private final Clock clock;

  /**
   * @param policy the enforceable policy (the one the pipeline used), read per request
   * @param scanner the detectors (for Redact's rescan)
   * @param maxDecodedBytes bound on a decoded body
   * @param statusPage base URL of the local status page (e.g. {@code http://127.0.0.1:3129})
   */
  public StandardModes(
      Supplier<ActivePolicy> policy,
      ContentScanner scanner,
      int maxDecodedBytes,
      CoachLedger coach,
      ApprovalLedger approvals,
      RecentDecisions recent,
      Notifier notifier,
      Supplier<String> statusPage,
      Clock clock) {
    this.policy = Objects.requireNonNull(policy);
    this.scanner = Objects.requireNonNull(scanner);
    this.maxDecodedBytes = maxDecodedBytes;
    this.coach = Objects.requireNonNull(coach);
    this.approvals = Objects.requireNonNull(approvals);
    this.recent = Objects.requireNonNull(recent);
    this.notifier = Objects.requireNonNull(notifier);
    this.statusPage = Objects.requireNonNull(statusPage);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public Enforcement enforce(
      InspectedRequest request, PipelineResult result, DecisionService decisions)
      throws IOException {
    Decision decision = result.decision();
    if (decision instanceof Decision.Coach held) {
      return coach(request, result, held, decisions);
    }
    if (decision instanceof Decision.Request held) {
      return request(request, result, held, decisions);
    }
    if (decision instanceof Decision.Block) {
      note(request, decision, "blocked");
      return Enforcer.block(request, result, decision);
    }
    return forward(request, result, decision, decisions, "");
  }

  private Enforcement forward(
      InspectedRequest request,
      PipelineResult result,
      Decision decision,
      DecisionService decisions,
      String note)
      throws IOException {
    if (decision instanceof Decision.Allow) {
      if (!note.isEmpty()) {
        note(request, decision, note);
      }
      return Enforcement.Forward.unchanged(request.decisionId());
    }
    if (decision instanceof Decision.Warn) {
      note(request, decision, note.isEmpty() ? "forwarded with a warning" : note);
      notifier.notify("Tether warning", "Sent to " + request.host() + ": " + decision.reason());
      return Enforcement.Forward.unchanged(request.decisionId());
    }
    ResponseSettings settings = settingsFor(result);
    if (decision instanceof Decision.Watermark) {
      if (request.body().length == 0) {
        return Enforcement.Forward.unchanged(request.decisionId());
      }
      String text = new String(decodedBody(request), StandardCharsets.UTF_8);
      Watermarker.Marked marked =
          Watermarker.mark(text, request.decisionId(), settings.copies())
              .orElseThrow(() -> new IOException("watermark: no prompt text to mark"));
      decisions.auditEnforcement(
          request,
          result.policyVersion(),
          ResponseMode.WATERMARK,
          "watermarked: " + marked.copies() + " marker(s), fingerprint " + marked.fingerprint());
      note(request, decision, "forwarded with an invisible watermark");
      return new Enforcement.Forward(
          request.decisionId(),
          Redactions.encode(
              marked.body().getBytes(StandardCharsets.UTF_8), request.contentEncoding()),
          ResponseRewriter.IDENTITY);
    }
    if (decision instanceof Decision.Redact redact) {
      ActivePolicy active = policyFor(result);
      Redactions.Redacted redacted =
          Redactions.redact(request, active, scanner, redact.detectorIds(), maxDecodedBytes);
      byte[] body = redacted.body();
      String what = "redacted: " + String.join(", ", redacted.originals().keySet());
      if (redact.watermark()) {
        Watermarker.Marked marked =
            Watermarker.mark(redacted.text(), request.decisionId(), settings.copies())
                .orElseThrow(() -> new IOException("watermark: no prompt text to mark"));
        body =
            Redactions.encode(
                marked.body().getBytes(StandardCharsets.UTF_8), request.contentEncoding());
        what += "; watermarked, fingerprint " + marked.fingerprint();
      }
      decisions.auditEnforcement(request, result.policyVersion(), ResponseMode.REDACT, what);
      note(request, decision, what);
      return new Enforcement.Forward(
          request.decisionId(),
          body,
          settings.restores()
              ? new PlaceholderRestorer(redacted.originals())
              : ResponseRewriter.IDENTITY);
    }
    throw new IllegalStateException("not a forwarding decision: " + decision.mode());
  }

  private Enforcement coach(
      InspectedRequest request,
      PipelineResult result,
      Decision.Coach held,
      DecisionService decisions)
      throws IOException {
    RequestKey key = RequestKey.of(request, decisions.osUser());
    Instant now = clock.instant();
    ResponseSettings settings = settingsFor(result);
    // The window is the policy's now, not the one in force when acknowledged.
    var ack = coach.acknowledged(key, now, settings.coach());
    if (ack.isPresent()) {
      decisions.auditEnforcement(
          request,
          result.policyVersion(),
          ResponseMode.COACH,
          "coach acknowledged (decision "
              + ack.get().decisionId()
              + "), justification: "
              + ack.get().justification());
      return forward(request, result, held.thenForward(), decisions, "acknowledged earlier");
    }
    coach.hold(
        new CoachLedger.Held(request.decisionId(), key, held.reason(), settings.coach()), now);
    String link = statusPage.get() + "/decisions/" + request.decisionId();
    note(request, held, "waiting for your acknowledgement");
    return ProviderErrors.answer(
        request,
        403,
        "coach_acknowledgement_required",
        BlockResponses.coachMessage(
            result.policyName(), result.policyVersion(), held.reason(), link, settings.coach()));
  }

  private Enforcement request(
      InspectedRequest request,
      PipelineResult result,
      Decision.Request held,
      DecisionService decisions)
      throws IOException {
    RequestKey key = RequestKey.of(request, decisions.osUser());
    Instant now = clock.instant();
    var open = approvals.open(key, now, settingsFor(result).approval());
    if (open.isPresent() && open.get().state() == ApprovalLedger.State.APPROVED) {
      decisions.auditEnforcement(
          request,
          result.policyVersion(),
          ResponseMode.REQUEST,
          "approved (request "
              + open.get().decisionId()
              + ", valid until "
              + open.get().validUntil()
              + ")");
      return forward(request, result, held.thenForward(), decisions, "approved earlier");
    }
    ApprovalLedger.Filed filed =
        open.orElseGet(
            () -> approvals.add(request.decisionId(), key, held.reason(), result.policyVersion()));
    String link = statusPage.get() + "/decisions/" + filed.decisionId();
    note(request, held, "approval requested (request " + filed.decisionId() + ")");
    return ProviderErrors.answer(
        request,
        403,
        open.isPresent() ? "approval_pending" : "approval_required",
        BlockResponses.requestMessage(
            result.policyName(),
            result.policyVersion(),
            held.reason(),
            open.isPresent(),
            filed.decisionId(),
            link));
  }

  private void note(InspectedRequest request, Decision decision, String note) {
    recent.add(
        new RecentDecisions.Entry(
            request.decisionId(),
            clock.instant(),
            request.host(),
            decision.mode(),
            decision.reason(),
            note));
  }

  private byte[] decodedBody(InspectedRequest request) throws IOException {
    try {
      return dev.tether.agent.pipeline.BodyDecoder.decode(
          request.body(), request.contentEncoding(), maxDecodedBytes);
    } catch (dev.tether.agent.pipeline.BodyDecoder.UninspectableBodyException e) {
      throw new IOException("body cannot be decoded: " + e.code());
    }
  }

  /** The policy the pipeline used; throws if another one has been activated since. */
  private ActivePolicy policyFor(PipelineResult result) throws IOException {
    ActivePolicy active = policy.get();
    if (active == null || active.version() != result.policyVersion()) {
      throw new IOException("policy changed while enforcing; retry");
    }
    return active;
  }

  private ResponseSettings settingsFor(PipelineResult result) throws IOException {
    return policyFor(result).document().responses();
  }
}
