package dev.tether.agent.intercept;

import dev.tether.agent.config.RedirectConfig;
import dev.tether.agent.proxy.AppAttribution;
import dev.tether.agent.proxy.OriginalDestinationResolver;
import dev.tether.agent.proxy.UpstreamSocketMarker;
import dev.tether.nativehooks.AsyncAttribution;
import dev.tether.nativehooks.NativeHooks;
import dev.tether.nativehooks.ProcessInfo;
import dev.tether.nativehooks.RedirectException;
import dev.tether.nativehooks.RedirectSpec;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The native side of the proxy's transparent mode: the {@link OriginalDestinationResolver} ({@code
 * SO_ORIGINAL_DST}, loop guard), the {@link UpstreamSocketMarker} ({@code SO_MARK}, so the proxy's
 * own upstream connections are not redirected back to it) and process attribution of every
 * redirected connection (off the data path). On start it finds the OS redirect (installed at boot
 * by {@code tether-redirect.service}) and reuses it; it installs it only if it is missing and the
 * agent is privileged. Nothing here ever removes the redirect.
 */
public final class TransparentMode implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TransparentMode.class.getName());

  /**
   * The owning process of a redirected connection, set on the accepted channel by {@link
   * #resolver()} before the proxy sees it: a future that completes (empty when unknown) within
   * {@link #ATTRIBUTION_TIMEOUT}. For the proxy and audit to put into the app context ({@code
   * AuditEvent.app}); never awaited on an event loop.
   */
  public static final AttributeKey<CompletableFuture<Optional<ProcessInfo>>> PROCESS =
      AttributeKey.valueOf("tether.process");

  /** Bound on process attribution per connection. */
  public static final Duration ATTRIBUTION_TIMEOUT = Duration.ofMillis(500);

  private final RedirectConfig config;
  private final NativeHooks hooks;
  private final AsyncAttribution attribution;

  private TransparentMode(RedirectConfig config, NativeHooks hooks) {
    this.config = config;
    this.hooks = hooks;
    this.attribution = new AsyncAttribution(hooks.attribution(), ATTRIBUTION_TIMEOUT);
  }

  /**
   * Loads the OS hooks (native stubs extracted to {@code STATE_DIR/native}, never the user's cache)
   * and checks the redirect.
   */
  public static TransparentMode open(RedirectConfig config) throws RedirectException {
    String nativeDir = config.stateDir().root().resolve("native").toString();
    System.setProperty("io.netty.native.workdir", nativeDir);
    TransparentMode mode =
        new TransparentMode(
            config, NativeHooks.forCurrentOs(config.stateDir().root().resolve("native")));
    mode.ensureRedirect();
    return mode;
  }

  /** Where the transparent listener binds: loopback (REDIRECT in output goes there). */
  public int listenPort() {
    return config.listenPort();
  }

  /** Marks the proxy's upstream sockets; throws (the connection fails closed) without privilege. */
  public UpstreamSocketMarker marker() {
    return channel -> {
      try {
        hooks.marks().mark(Fds.of(channel), config.mark());
      } catch (RedirectException e) {
        throw new IOException(e.getMessage(), e);
      }
    };
  }

  /** Original destination of a redirected connection; starts its attribution. */
  public OriginalDestinationResolver resolver() {
    return channel -> {
      InetSocketAddress local = (InetSocketAddress) channel.localAddress();
      InetSocketAddress peer = (InetSocketAddress) channel.remoteAddress();
      InetSocketAddress original;
      try {
        original = hooks.destinations().lookup(Fds.of(channel), local, peer);
      } catch (RedirectException e) {
        throw new IOException(e.getMessage(), e);
      }
      attribute(channel, peer, original);
      return original;
    };
  }

  private void attribute(Channel channel, InetSocketAddress peer, InetSocketAddress original) {
    CompletableFuture<Optional<ProcessInfo>> process = attribution.lookup(peer, original);
    channel.attr(PROCESS).set(process);
    channel.attr(AppAttribution.APP).set(process.thenApply(ProcessApps::executable));
    process.thenAccept(
        info ->
            LOG.log(
                System.Logger.Level.INFO,
                "redirected {0} -> {1}: {2}",
                peer,
                original,
                info.map(TransparentMode::describe).orElse("process unknown")));
  }

  /** pid, uid and executable; never the command line in logs (it can carry secrets). */
  static String describe(ProcessInfo p) {
    return "pid=" + p.pid() + " uid=" + p.uid() + " exe=" + p.executable();
  }

  /**
   * Keeps the redirect's ports in step with the policy ({@code policy.proxy.interceptPorts}): when
   * the installed table lacks them, the table is replaced atomically with the configured ports plus
   * the policy's. Never removes the table; a failure is logged and the installed table stays.
   */
  public void reconcilePorts(Collection<Integer> policyPorts) {
    Set<Integer> ports = new TreeSet<>(config.ports());
    ports.addAll(policyPorts);
    ports.remove(config.listenPort());
    RedirectSpec desired =
        new RedirectSpec(
            config.listenPort(), List.copyOf(ports), config.mark(), config.blockQuic());
    try {
      if (!hooks.redirect().isInstalled(desired)) {
        hooks.redirect().install(desired);
        LOG.log(System.Logger.Level.INFO, "OS redirect now covers TCP ports {0}", ports);
      }
    } catch (RedirectException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "cannot extend the OS redirect to the policy''s ports {0}: {1}",
          ports,
          e.getMessage());
    }
  }

  private void ensureRedirect() {
    try {
      if (hooks.redirect().isPresent()) {
        // As installed at boot, or extended by an earlier run for the policy's ports (see
        // reconcilePorts): reused either way, never reinstalled narrower here.
        LOG.log(System.Logger.Level.INFO, "OS redirect found (installed at boot); reusing it");
        return;
      }
      LOG.log(System.Logger.Level.WARNING, "OS redirect missing; installing it");
      hooks.redirect().install(config.spec());
    } catch (RedirectException e) {
      // Not fatal: with no redirect nothing reaches the listener, and a different table
      // installed by root at boot is authoritative.
      LOG.log(
          System.Logger.Level.ERROR,
          "cannot verify or install the OS redirect: {0} (run `tether-agent redirect install` as"
              + " root)",
          e.getMessage());
    }
  }

  /** Stops attribution. The OS redirect stays (fail closed). */
  @Override
  public void close() {
    attribution.close();
  }
}
