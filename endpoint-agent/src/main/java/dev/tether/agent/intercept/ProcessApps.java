package dev.tether.agent.intercept;

import dev.tether.agent.proxy.AppAttribution;
import dev.tether.nativehooks.AsyncAttribution;
import dev.tether.nativehooks.NativeHooks;
import dev.tether.nativehooks.ProcessAttribution;
import dev.tether.nativehooks.ProcessInfo;
import dev.tether.nativehooks.RedirectException;
import dev.tether.nativehooks.linux.LinuxProcessAttribution;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Process attribution for the explicit proxy: the executable owning a client socket connected to
 * the proxy's loopback listener, from the OS ({@link ProcessAttribution}: socket diagnostics and
 * {@code /proc} on Linux), off the data path on a small bounded pool ({@link AsyncAttribution}),
 * each lookup answered within {@link TransparentMode#ATTRIBUTION_TIMEOUT}. Another user's process
 * is attributed only when the agent may read its {@code /proc} entry (root); otherwise it is
 * unknown. Never logs command lines.
 */
public final class ProcessApps implements AppAttribution, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ProcessApps.class.getName());

  private final AsyncAttribution attribution;

  private ProcessApps(ProcessAttribution delegate) {
    this.attribution = new AsyncAttribution(delegate, TransparentMode.ATTRIBUTION_TIMEOUT);
  }

  /**
   * Attribution through {@code delegate}, warmed up first: one lookup of a socket that does not
   * exist runs on the calling thread, so loading the native bindings (JNA, netlink) is not paid by
   * the first real connection, whose lookup would otherwise run past the timeout and leave its app
   * unknown.
   */
  public static ProcessApps of(ProcessAttribution delegate) {
    long started = System.nanoTime();
    try {
      delegate.lookup(
          new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 9),
          new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 9));
    } catch (RuntimeException | LinkageError e) {
      LOG.log(System.Logger.Level.WARNING, "process attribution warm-up failed: {0}", e.toString());
    }
    LOG.log(
        System.Logger.Level.INFO,
        "process attribution ready in {0} ms",
        (System.nanoTime() - started) / 1_000_000);
    return new ProcessApps(delegate);
  }

  /**
   * The attribution of this OS (Linux), or {@link AppAttribution#NONE} elsewhere or when the OS
   * hooks cannot load (logged: per-app policy overrides then see every app as unknown).
   *
   * @param nativeDir where JNA may extract its stub (the agent's state directory)
   */
  public static AppAttribution forCurrentOs(Path nativeDir) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      LOG.log(System.Logger.Level.WARNING, "no process attribution on {0}: apps are unknown", os);
      return AppAttribution.NONE;
    }
    try {
      NativeHooks.useNativeDir(nativeDir);
      return of(new LinuxProcessAttribution());
    } catch (RedirectException | RuntimeException | LinkageError e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "process attribution unavailable ({0}): apps are unknown",
          e.toString());
      return AppAttribution.NONE;
    }
  }

  @Override
  public CompletableFuture<Optional<String>> lookup(
      InetSocketAddress client, InetSocketAddress destination) {
    return attribution.lookup(client, destination).thenApply(ProcessApps::executable);
  }

  /** The executable of a process, or empty when it could not be read. */
  static Optional<String> executable(Optional<ProcessInfo> info) {
    return info.map(ProcessInfo::executable).filter(e -> !e.isBlank() && !e.equals("?"));
  }

  /** Connections whose process could not be determined, since start. */
  public long unattributed() {
    return attribution.unattributed();
  }

  @Override
  public void close() {
    attribution.close();
  }
}
