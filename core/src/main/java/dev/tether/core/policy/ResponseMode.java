package dev.tether.core.policy;

/**
 * What the agent does with a request. When several controls fire, the most restrictive mode wins
 * ({@link #mostRestrictive}), in the enforcement order {@link #strictness()}: ALLOW < WARN <
 * WATERMARK < REDACT < COACH < REQUEST < BLOCK (forwarding modes below holding ones). The
 * declaration order below is not that order and is kept only for compatibility.
 */
public enum ResponseMode {
  /** Forward untouched. */
  ALLOW,
  /** Forward, and tell the developer what was noticed. */
  WARN,
  /** Hold the request and explain the policy; the developer may confirm. */
  COACH,
  /** Hold until an approver allows it. */
  REQUEST,
  /** Forward with a watermark. */
  WATERMARK,
  /** Forward with the findings redacted. */
  REDACT,
  /** Refuse with a provider-shaped error. */
  BLOCK;

  /** Rank in the enforcement order, 0 (ALLOW) to 6 (BLOCK). */
  public int strictness() {
    return switch (this) {
      case ALLOW -> 0;
      case WARN -> 1;
      case WATERMARK -> 2;
      case REDACT -> 3;
      case COACH -> 4;
      case REQUEST -> 5;
      case BLOCK -> 6;
    };
  }

  /** The more restrictive of {@code this} and {@code other} in the enforcement order. */
  public ResponseMode mostRestrictive(ResponseMode other) {
    return other.strictness() > strictness() ? other : this;
  }
}
