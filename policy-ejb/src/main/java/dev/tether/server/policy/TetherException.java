package dev.tether.server.policy;

import jakarta.ejb.ApplicationException;

/**
 * An expected failure of a request, with the HTTP-neutral kind the web layer maps to a status. The
 * message names the key and the value and never contains a secret. Rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class TetherException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, from the caller's point of view. */
  public enum Kind {
    INVALID,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    /** A conditional request ({@code If-Match}) named a version that is no longer current. */
    PRECONDITION_FAILED,
    /** A change that must be conditional ({@code If-Match}) came without a condition. */
    PRECONDITION_REQUIRED
  }

  private final Kind kind;

  public TetherException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static TetherException notFound(String message) {
    return new TetherException(Kind.NOT_FOUND, message);
  }

  static TetherException conflict(String message) {
    return new TetherException(Kind.CONFLICT, message);
  }

  static TetherException unauthenticated(String message) {
    return new TetherException(Kind.UNAUTHENTICATED, message);
  }
}
