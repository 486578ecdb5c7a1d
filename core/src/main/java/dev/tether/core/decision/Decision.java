package dev.tether.core.decision;

import dev.tether.core.policy.ResponseMode;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of the decision pipeline for one request. Callers switch over the permitted records;
 * a new response mode is a new record here, so every enforcement site must handle it.
 *
 * <p>Forwarding outcomes: {@link Allow}, {@link Warn}, {@link Watermark}, {@link Redact}. Outcomes
 * that answer locally and never contact upstream: {@link Coach} (until acknowledged), {@link
 * Request} (until approved), {@link Block}.
 */
public sealed interface Decision
    permits Decision.Allow,
        Decision.Warn,
        Decision.Coach,
        Decision.Request,
        Decision.Watermark,
        Decision.Redact,
        Decision.Block {

  /** The response mode this outcome enforces. */
  ResponseMode mode();

  /** True for the outcomes that send the request upstream (possibly rewritten). */
  default boolean forwards() {
    return this instanceof Allow
        || this instanceof Warn
        || this instanceof Watermark
        || this instanceof Redact;
  }

  private static void requireForwarding(String key, Decision decision) {
    Objects.requireNonNull(decision, key);
    if (!decision.forwards()) {
      throw new IllegalArgumentException(
          key + ": expected a forwarding decision, got " + decision.mode());
    }
  }

  /** Why, in words safe to show the developer and to audit (never payload content). */
  String reason();

  /** A stable machine-readable code, e.g. {@code credential_detected}. */
  String code();

  /** Forward the request unchanged. */
  record Allow(String reason) implements Decision {
    public Allow {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ResponseMode mode() {
      return ResponseMode.ALLOW;
    }

    @Override
    public String code() {
      return "allowed";
    }
  }

  /** Forward unchanged and tell the developer what was noticed (notification, status page). */
  record Warn(String reason, String code) implements Decision {
    public Warn {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(code, "code");
    }

    @Override
    public ResponseMode mode() {
      return ResponseMode.WARN;
    }
  }

  /**
   * Hold the request and explain the policy; once the developer acknowledges with a justification,
   * the same request (content, user, destination) is allowed for the policy's coach window.
   *
   * @param thenForward how the request is forwarded once acknowledged: what the other controls ask
   *     for (Allow, Warn, Watermark or Redact), so acknowledging never skips a redaction
   */
  record Coach(String reason, String code, Decision thenForward) implements Decision {
    public Coach {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(code, "code");
      requireForwarding("coach.thenForward", thenForward);
    }

    @Override
    public ResponseMode mode() {
      return ResponseMode.COACH;
    }
  }

  /**
   * Hold the request until an approver grants it; then the same request is allowed for the
   * approval's validity window.
   *
   * @param thenForward how the request is forwarded once approved (Allow, Warn, Watermark or
   *     Redact)
   */
  record Request(String reason, String code, Decision thenForward) implements Decision {
    public Request {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(code, "code");
      requireForwarding("request.thenForward", thenForward);
    }

    @Override
    public ResponseMode mode() {
      return ResponseMode.REQUEST;
    }
  }

  /** Forward with an invisible marker encoding the decision id in the prompt text. */
  record Watermark(String reason, String code) implements Decision {
    public Watermark {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(code, "code");
    }

    @Override
    public ResponseMode mode() {
      return ResponseMode.WATERMARK;
    }
  }

  /**
   * Forward with the findings of {@code detectorIds} replaced by typed placeholders, mapped back in
   * the response.
   *
   * @param detectorIds detectors whose findings are redacted (never empty)
   * @param watermark whether the redacted text is also watermarked (another control asked for it)
   */
  record Redact(String reason, String code, Set<String> detectorIds, boolean watermark)
      implements Decision {
    public Redact {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(code, "code");
      detectorIds = Set.copyOf(detectorIds);
      if (detectorIds.isEmpty()) {
        throw new IllegalArgumentException("redact.detectorIds: expected at least one detector");
      }
    }

    @Override
    public ResponseMode mode() {
      return ResponseMode.REDACT;
    }
  }

  /**
   * Refuse the request with a provider-shaped error.
   *
   * @param reason why, for the developer and the audit trail
   * @param code a stable machine-readable code, e.g. {@code credential_detected}
   */
  record Block(String reason, String code) implements Decision {
    public Block {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(code, "code");
    }

    @Override
    public ResponseMode mode() {
      return ResponseMode.BLOCK;
    }
  }
}
