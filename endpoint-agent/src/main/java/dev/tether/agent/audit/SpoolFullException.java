package dev.tether.agent.audit;

import java.io.IOException;

/** The spool has no room for a decision's records; the caller must block the request. */
public final class SpoolFullException extends IOException {
  private static final long serialVersionUID = 1L;

  public SpoolFullException(String message) {
    super(message);
  }
}
