package dev.tether.core.audit.evidence;

/** An evidence package did not verify. The message names the file and what is wrong. */
public final class EvidenceVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  public EvidenceVerificationException(String message) {
    super(message);
  }

  public EvidenceVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
