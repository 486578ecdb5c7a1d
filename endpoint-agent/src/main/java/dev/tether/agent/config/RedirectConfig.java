package dev.tether.agent.config;

import dev.tether.nativehooks.NativeHooks;
import dev.tether.nativehooks.RedirectSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Options of {@code tether-agent redirect install|status} and of the transparent listener in {@code
 * run}: what the OS redirect sends where.
 *
 * @param stateDir state directory (JNA's native stub is extracted to {@code native/} in it)
 * @param listenPort transparent listener port on 127.0.0.1 and ::1, default {@value
 *     #DEFAULT_LISTEN_PORT}
 * @param ports redirected TCP ports; 443 is always included
 * @param mark socket mark of the agent's own upstream sockets, default {@code 0x7e7e}
 * @param blockQuic reject outbound UDP 443, default true
 */
public record RedirectConfig(
    StateDir stateDir, int listenPort, List<Integer> ports, int mark, boolean blockQuic) {
  public static final int DEFAULT_LISTEN_PORT = 3130;

  public RedirectConfig {
    ports = List.copyOf(ports);
  }

  /** From CLI strings; nulls take the defaults. Errors name the option. */
  public static RedirectConfig parse(
      StateDir stateDir, String listenPort, List<String> ports, String mark, String quic) {
    int listen = listenPort == null ? DEFAULT_LISTEN_PORT : parseInt("listen-port", listenPort);
    List<Integer> all = new ArrayList<>(List.of(443));
    for (String port : ports) {
      int p = parseInt("port", port);
      if (!all.contains(p)) {
        all.add(p);
      }
    }
    int m =
        mark == null
            ? NativeHooks.DEFAULT_SOCKET_MARK
            : parseInt("mark", mark.toLowerCase(Locale.ROOT));
    boolean block;
    if (quic == null || quic.equals("block")) {
      block = true;
    } else if (quic.equals("allow")) {
      block = false;
    } else {
      throw new IllegalArgumentException("quic: expected block or allow, got \"" + quic + "\"");
    }
    RedirectConfig config = new RedirectConfig(stateDir, listen, all, m, block);
    config.spec();
    return config;
  }

  /** The OS-level spec (validated there: ports in range, no loop, non-zero mark). */
  public RedirectSpec spec() {
    return new RedirectSpec(listenPort, ports, mark, blockQuic);
  }

  private static int parseInt(String key, String value) {
    try {
      return value.startsWith("0x")
          ? Integer.parseUnsignedInt(value.substring(2), 16)
          : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": expected a number, got \"" + value + "\"");
    }
  }
}
