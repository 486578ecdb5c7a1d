package dev.tether.agent.intercept;

import dev.tether.agent.config.RedirectConfig;
import dev.tether.agent.proxy.InterceptScope;
import dev.tether.nativehooks.AsyncAttribution;
import dev.tether.nativehooks.NativeHooks;
import dev.tether.nativehooks.RedirectException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Starts the transparent side of the daemon: finds the OS redirect (installed at boot by {@code
 * tether-redirect.service}) and reuses it; installs it only if it is missing and the agent is
 * privileged; then starts the {@link TransparentBridge}. Never removes the redirect.
 */
public final class TransparentMode {
  private static final System.Logger LOG = System.getLogger(TransparentMode.class.getName());

  /** Bound on the own-socket check and on process attribution per connection. */
  public static final Duration ATTRIBUTION_TIMEOUT = Duration.ofMillis(500);

  private TransparentMode() {}

  /**
   * @param config the redirect the agent serves (must match what {@code redirect install} used)
   * @param scope the proxy's intercept scope (AI destinations)
   * @param aiHosts AI host names (policy and catalogue) whose addresses identify no-SNI TLS
   * @param explicitProxy where the explicit proxy listens
   */
  public static TransparentBridge start(
      RedirectConfig config,
      InterceptScope scope,
      java.util.function.Supplier<java.util.List<String>> aiHosts,
      InetSocketAddress explicitProxy)
      throws Exception {
    NativeHooks hooks = NativeHooks.forCurrentOs(config.stateDir().root().resolve("native"));
    ensureRedirect(hooks, config);
    TransparentBridge bridge =
        new TransparentBridge(
            hooks,
            new AsyncAttribution(hooks.attribution(), ATTRIBUTION_TIMEOUT),
            scope,
            explicitProxy,
            config.mark(),
            aiHosts);
    try {
      bridge.start(config.listenPort());
    } catch (Exception e) {
      bridge.close();
      throw e;
    }
    return bridge;
  }

  private static void ensureRedirect(NativeHooks hooks, RedirectConfig config) {
    try {
      if (hooks.redirect().isInstalled(config.spec())) {
        LOG.log(System.Logger.Level.INFO, "OS redirect found (installed at boot); reusing it");
        return;
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "OS redirect missing or different from this configuration; installing it");
      hooks.redirect().install(config.spec());
    } catch (RedirectException e) {
      // Not fatal for the listener: with no redirect nothing reaches it, and with another
      // configuration installed by root, the boot unit is authoritative.
      LOG.log(
          System.Logger.Level.ERROR,
          "cannot verify or install the OS redirect: {0} (run `tether-agent redirect install` as"
              + " root)",
          e.getMessage());
    }
  }
}
