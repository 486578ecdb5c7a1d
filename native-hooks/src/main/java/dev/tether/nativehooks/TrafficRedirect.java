package dev.tether.nativehooks;

/**
 * Installs and removes the OS redirect that sends outbound HTTPS to the agent.
 *
 * <p>Lifecycle, in order: {@link #install} at boot (before the agent starts, so no connection
 * escapes in between; idempotent, atomic); the agent runs; {@link #remove} only on an explicit,
 * privileged uninstall. A graceful agent shutdown never calls {@link #remove}: with the agent dead
 * the redirect stays and AI egress fails closed.
 */
public interface TrafficRedirect {
  /**
   * Installs (or atomically replaces) the redirect.
   *
   * @throws RedirectException with the OS's own error text when the rules cannot be applied
   */
  void install(RedirectSpec spec) throws RedirectException;

  /** Removes the redirect. Privileged uninstall only. */
  void remove() throws RedirectException;

  /** True if the redirect is currently installed as specified. */
  boolean isInstalled(RedirectSpec spec) throws RedirectException;

  /** True if the agent's redirect is installed at all, in whatever configuration. */
  boolean isPresent() throws RedirectException;
}
