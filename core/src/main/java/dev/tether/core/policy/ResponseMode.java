package dev.tether.core.policy;

/**
 * What the agent does with a request. Ordered from least to most restrictive: when several controls
 * fire, the most restrictive mode wins ({@link #mostRestrictive}).
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

  /** The more restrictive of {@code this} and {@code other}. */
  public ResponseMode mostRestrictive(ResponseMode other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
