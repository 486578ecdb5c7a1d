package dev.tether.server.audit;

import jakarta.ejb.ApplicationException;

/** A batch refused as a whole (nothing stored), e.g. an event for another device. */
@ApplicationException(rollback = true)
public class AuditRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuditRejectedException(String message) {
    super(message);
  }
}
