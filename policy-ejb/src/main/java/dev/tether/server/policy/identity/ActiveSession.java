package dev.tether.server.policy.identity;

/**
 * A live session found by its cookie: who, and the CSRF token its state-changing requests carry.
 */
public record ActiveSession(AdminPrincipal principal, String csrfToken, long idleTimeoutSeconds) {
  @Override
  public String toString() {
    return "ActiveSession[principal=" + principal.name() + "]";
  }
}
