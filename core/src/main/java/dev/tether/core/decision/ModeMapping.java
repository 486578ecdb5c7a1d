package dev.tether.core.decision;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ModeOverride;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.policy.ResponseSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The last step of every decision, on the agent and in the console's simulator alike: every control
 * that fired gets its effective mode (its own, or the first matching {@code
 * policy.responses.overrides} entry for its finding or judge label, this destination and this app),
 * and the strictest effective mode becomes the decision; when nothing fired, the policy's default
 * mode (or an override naming only destination and/or app) decides.
 *
 * <p>Strictness, lowest to highest: ALLOW, WARN, WATERMARK, REDACT, COACH, REQUEST, BLOCK. The
 * forwarding modes rank below the holding ones, so a redaction can never let a request skip a
 * Coach, Request or Block another control asked for. A held decision (Coach, Request) carries how
 * the request is forwarded once acknowledged or approved, computed from the remaining controls, so
 * redaction and watermarking still apply then.
 *
 * <p>Guarantees: overrides apply only to controls that name detectors (rule findings) or come from
 * the judge; a block for an uninspectable body, a blocked destination, a missing policy or an
 * internal error is never overridden. A control whose findings cannot be redacted in place ({@link
 * Control#redactable()} false) is answered BLOCK where REDACT would apply. Pure: no I/O, no clock,
 * no state; the same inputs give the same {@link Mapping}.
 */
public final class ModeMapping {
  private ModeMapping() {}

  /** Rank of {@code mode} in the strictness order (higher is stricter). */
  public static int strictness(ResponseMode mode) {
    return mode.strictness();
  }

  /** The stricter of two modes in the enforcement order. */
  public static ResponseMode stricter(ResponseMode a, ResponseMode b) {
    return strictness(b) > strictness(a) ? b : a;
  }

  /**
   * One control after the policy's overrides.
   *
   * @param control the control as fired
   * @param mode the mode it answers after overrides (and the unredactable-to-BLOCK rule)
   * @param overrideIndex index of the override in {@code policy.responses.overrides} that set the
   *     mode, or -1
   */
  public record Mapped(Control control, ResponseMode mode, int overrideIndex) {
    public Mapped {
      Objects.requireNonNull(control, "control");
      Objects.requireNonNull(mode, "mode");
    }
  }

  /**
   * The outcome of the mapping.
   *
   * @param decision the decision to enforce
   * @param controls every control with its effective mode, in firing order
   * @param defaultOverrideIndex when nothing fired: index of the override that replaced the
   *     policy's default mode, or -1 (also -1 when a control fired)
   */
  public record Mapping(Decision decision, List<Mapped> controls, int defaultOverrideIndex) {
    public Mapping {
      Objects.requireNonNull(decision, "decision");
      controls = List.copyOf(controls);
    }
  }

  /**
   * Maps the controls that fired for {@code request} under {@code policy}.
   *
   * @param policy the verified policy, or {@code null} (then only controls can decide: with none,
   *     there is nothing to apply and this throws, which the pipeline turns into Block)
   * @throws IllegalStateException when nothing fired and there is no policy
   */
  public static Mapping map(PolicyDocument policy, RequestContext request, List<Control> controls) {
    Objects.requireNonNull(request, "request");
    if (controls.isEmpty()) {
      if (policy == null) {
        throw new IllegalStateException("no verified policy");
      }
      ResponseMode fallback =
          policy.defaultMode() == null ? ResponseMode.ALLOW : policy.defaultMode();
      ResponseSettings responses = policy.responses();
      int index = responses.overrideIndex(request.host(), request.app(), List.of(), null);
      ResponseMode mode = index >= 0 ? responses.overrides().get(index).mode() : fallback;
      String reason =
          index >= 0
              ? "no control fired; " + describe(responses.overrides().get(index)) + " " + mode
              : "no control fired; policy default " + mode;
      return new Mapping(
          decide(mode, "policy_default", reason, Set.of(), false, ResponseMode.ALLOW),
          List.of(),
          index);
    }
    ResponseSettings responses = policy == null ? ResponseSettings.DEFAULT : policy.responses();
    List<Mapped> mapped = new ArrayList<>(controls.size());
    Mapped strongest = null;
    ResponseMode forwardMode = ResponseMode.ALLOW;
    Set<String> redact = new TreeSet<>();
    boolean watermark = false;
    for (Control control : controls) {
      Mapped m = effective(request, responses, control);
      mapped.add(m);
      ResponseMode mode = m.mode();
      if (strongest == null || strictness(mode) > strictness(strongest.mode())) {
        strongest = m;
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
    Control top = strongest.control();
    String reason = top.reason();
    if (strongest.mode() != top.mode()) {
      ModeOverride override =
          strongest.overrideIndex() >= 0
              ? responses.overrides().get(strongest.overrideIndex())
              : null;
      boolean unredactable = override == null || override.mode() != strongest.mode();
      reason +=
          unredactable
              ? " (found in attachment content that cannot be redacted in place: BLOCK)"
              : " (" + describe(override) + ": " + strongest.mode() + ")";
    }
    return new Mapping(
        decide(strongest.mode(), top.code(), reason, redact, watermark, forwardMode), mapped, -1);
  }

  /** The mode a control gets after the policy's overrides. */
  public static Mapped effective(
      RequestContext request, ResponseSettings responses, Control control) {
    boolean overridable =
        (control.layer() == AuditLayer.RULE && !control.detectorIds().isEmpty())
            || control.layer() == AuditLayer.JUDGE;
    ResponseMode mode = control.mode();
    int index = -1;
    if (overridable) {
      String label = control.layer() == AuditLayer.JUDGE ? control.code() : null;
      index = responses.overrideIndex(request.host(), request.app(), control.detectorIds(), label);
      if (index >= 0) {
        mode = responses.overrides().get(index).mode();
      }
    }
    if (mode == ResponseMode.REDACT && !control.redactable()) {
      mode = ResponseMode.BLOCK;
    }
    return new Mapped(control, mode, index);
  }

  /** How an override is named in reasons: which criteria it has, never payload. */
  static String describe(ModeOverride o) {
    StringBuilder s = new StringBuilder("policy override");
    if (o.app() != null) {
      s.append(" for app ").append(o.app());
    }
    if (o.destination() != null) {
      s.append(" for ").append(o.destination());
    }
    return s.toString();
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
