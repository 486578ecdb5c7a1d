package dev.tether.nativehooks;

import dev.tether.nativehooks.linux.LinuxOriginalDestinations;
import dev.tether.nativehooks.linux.LinuxProcessAttribution;
import dev.tether.nativehooks.linux.LinuxSocketMarks;
import dev.tether.nativehooks.linux.NftRuleset;
import dev.tether.nativehooks.linux.NftablesRedirect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The native hooks of the running OS, chosen once at start-up.
 *
 * @param redirect installs/removes the OS redirect (privileged)
 * @param destinations original destination of a redirected connection
 * @param marks marks the agent's own upstream sockets so they are not redirected
 * @param attribution connection to process
 */
public record NativeHooks(
    TrafficRedirect redirect,
    OriginalDestinations destinations,
    SocketMarks marks,
    ProcessAttribution attribution) {

  /** Default mark on the agent's upstream sockets (also the default of the CLI and unit files). */
  public static final int DEFAULT_SOCKET_MARK = 0x7e7e;

  /**
   * The hooks of this OS. JNA extracts its native stub into {@code nativeDir} (the agent's state
   * directory), never into the user's cache.
   *
   * @throws RedirectException when the OS has no implementation that can run here
   */
  public static NativeHooks forCurrentOs(Path nativeDir) throws RedirectException {
    useNativeDir(nativeDir);
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("linux")) {
      return new NativeHooks(
          NftablesRedirect.create(NftRuleset.DEFAULT_TABLE),
          new LinuxOriginalDestinations(),
          new LinuxSocketMarks(),
          new LinuxProcessAttribution());
    }
    throw new RedirectException(
        "no verified OS redirect for "
            + System.getProperty("os.name")
            + ": pf (macOS) rules are generated but not yet verified; Windows needs the WFP"
            + " callout driver (see native-hooks/README.md)");
  }

  /** Points JNA at {@code dir} for its extracted stub (must run before JNA's first use). */
  public static void useNativeDir(Path dir) throws RedirectException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new RedirectException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    System.setProperty("jna.tmpdir", dir.toAbsolutePath().toString());
  }
}
