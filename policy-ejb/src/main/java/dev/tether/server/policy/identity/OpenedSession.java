package dev.tether.server.policy.identity;

import java.time.Instant;

/**
 * A session just opened: the id goes only into the {@code TETHER_SESSION} cookie (never a body or
 * log), the CSRF token into the body.
 */
public record OpenedSession(
    String id,
    String csrfToken,
    long idleTimeoutSeconds,
    Instant absoluteExpiry,
    AdminPrincipal principal) {
  @Override
  public String toString() {
    return "OpenedSession[principal=" + principal.name() + ", id=masked]";
  }
}
