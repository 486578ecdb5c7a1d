package dev.tether.core.audit.log;

/** A proof, checkpoint, signature or exported event did not verify. The message says which. */
public final class LogVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  public LogVerificationException(String message) {
    super(message);
  }

  public LogVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
