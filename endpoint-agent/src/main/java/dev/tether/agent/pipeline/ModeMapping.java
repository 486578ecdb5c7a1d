package dev.tether.agent.pipeline;

import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.policy.ResponseSettings;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stage 6 (policy mapping): every control that fired gets its effective mode (its own, or the first
 * matching {@code policy.responses.overrides} entry for a finding or judge label at this
 * destination), and the strictest effective mode becomes the decision; when nothing fired, the
 * policy's default mode (or a destination-only override) decides.
 *
 * <p>Strictness, lowest to highest: ALLOW, WARN, WATERMARK, REDACT, COACH, REQUEST, BLOCK. The
 * forwarding modes rank below the holding ones, so a redaction can never let a request skip a
 * Coach, Request or Block another control asked for. A held decision (Coach, Request) carries how
 * the request is forwarded once acknowledged or approved, computed from the remaining controls, so
 * redaction and watermarking still apply then.
 *
 * <p>Overrides apply only to controls that name detectors (rule findings) or come from the judge: a
 * block for an uninspectable body, a blocked destination or an internal error is never overridden.
 */
public final class ModeMapping implements PolicyMapping {
  public static final String NAME = "policy-mapping";

  private static final List<ResponseMode> STRICTNESS =
      List.of(
          ResponseMode.ALLOW,
          ResponseMode.WARN,
          ResponseMode.WATERMARK,
          ResponseMode.REDACT,
          ResponseMode.COACH,
          ResponseMode.REQUEST,
          ResponseMode.BLOCK);

  /** Rank of {@code mode} in the strictness order (higher is stricter). */
  public static int strictness(ResponseMode mode) {
    return STRICTNESS.indexOf(mode);
  }

  @Override
  public Decision map(InspectedRequest request, Evaluation evaluation) {
    List<Control> controls = evaluation.controls();
    if (controls.isEmpty()) {
      ActivePolicy policy = evaluation.requirePolicy();
      ResponseMode fallback =
          policy.document().defaultMode() == null
              ? ResponseMode.ALLOW
              : policy.document().defaultMode();
      ResponseMode override =
          policy.document().responses().overrideFor(request.host(), List.of(), null);
      ResponseMode mode = override != null ? override : fallback;
      String reason =
          override != null
              ? "no control fired; destination override " + mode
              : "no control fired; policy default " + mode;
      return decide(mode, "policy_default", reason, Set.of(), false, ResponseMode.ALLOW);
    }
    ResponseSettings responses =
        evaluation.policy().map(p -> p.document().responses()).orElse(ResponseSettings.DEFAULT);
    Control strongest = null;
    ResponseMode strongestMode = null;
    ResponseMode forwardMode = ResponseMode.ALLOW;
    Set<String> redact = new TreeSet<>();
    boolean watermark = false;
    for (Control control : controls) {
      ResponseMode mode = effectiveMode(request, responses, control);
      if (strongestMode == null || strictness(mode) > strictness(strongestMode)) {
        strongestMode = mode;
        strongest = control;
      }
      if (strictness(mode) <= strictness(ResponseMode.REDACT)
          && strictness(mode) > strictness(forwardMode)) {
        forwardMode = mode;
      }
      if (mode == ResponseMode.REDACT) {
        redact.addAll(control.detectorIds());
      }
      watermark |= mode == ResponseMode.WATERMARK;
    }
    String reason =
        strongestMode == strongest.mode()
            ? strongest.reason()
            : strongest.reason() + " (policy override: " + strongestMode + ")";
    return decide(strongestMode, strongest.code(), reason, redact, watermark, forwardMode);
  }

  /** The mode a control gets after the policy's overrides. */
  static ResponseMode effectiveMode(
      InspectedRequest request, ResponseSettings responses, Control control) {
    boolean overridable =
        (control.layer() == AuditLayer.RULE && !control.detectorIds().isEmpty())
            || control.layer() == AuditLayer.JUDGE;
    if (!overridable) {
      return control.mode();
    }
    String label = control.layer() == AuditLayer.JUDGE ? control.code() : null;
    ResponseMode override = responses.overrideFor(request.host(), control.detectorIds(), label);
    return override != null ? override : control.mode();
  }

  private static Decision decide(
      ResponseMode mode,
      String code,
      String reason,
      Set<String> redact,
      boolean watermark,
      ResponseMode forwardMode) {
    switch (mode) {
      case ALLOW:
        return new Decision.Allow(reason);
      case WARN:
        return new Decision.Warn(reason, code);
      case WATERMARK:
        return new Decision.Watermark(reason, code);
      case REDACT:
        if (redact.isEmpty()) {
          // REDACT chosen without findings (policy default or destination override): nothing to
          // replace, so the request is forwarded as it is, watermarked if asked.
          return watermark
              ? new Decision.Watermark(reason + "; nothing to redact", code)
              : new Decision.Allow(reason + "; nothing to redact");
        }
        return new Decision.Redact(reason, code, redact, watermark);
      case COACH:
        return new Decision.Coach(
            reason, code, decide(forwardMode, code, reason, redact, watermark, forwardMode));
      case REQUEST:
        return new Decision.Request(
            reason, code, decide(forwardMode, code, reason, redact, watermark, forwardMode));
      default:
        return new Decision.Block(reason, code);
    }
  }
}
