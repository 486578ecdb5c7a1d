package dev.tether.server.audit;

import jakarta.ejb.ApplicationException;

/**
 * The audit pipeline could not durably accept a batch right now (Kafka did not acknowledge it in
 * time): nothing is promised stored, the client must retry later (HTTP 503).
 */
@ApplicationException(rollback = true)
public class AuditUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
