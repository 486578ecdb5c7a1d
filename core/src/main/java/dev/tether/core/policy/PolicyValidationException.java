package dev.tether.core.policy;

/** A policy document that cannot be enforced. The message names the offending key and value. */
public final class PolicyValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PolicyValidationException(String message) {
    super(message);
  }
}
