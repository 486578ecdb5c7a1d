package dev.tether.nativehooks;

import java.util.List;

/**
 * What to redirect: outbound TCP to {@code ports} goes to the agent listening on {@code listenPort}
 * on loopback, except sockets carrying {@code agentSocketMark} (the agent's own upstream
 * connections).
 *
 * @param listenPort the agent's transparent listener port on 127.0.0.1 and ::1
 * @param ports destination ports to redirect (443 and whatever the policy lists)
 * @param agentSocketMark SO_MARK value the agent sets on its own upstream sockets
 * @param blockQuic reject outbound UDP 443 so QUIC clients fall back to TCP
 */
public record RedirectSpec(
    int listenPort, List<Integer> ports, int agentSocketMark, boolean blockQuic) {
  public RedirectSpec {
    requirePort("redirect.listenPort", listenPort);
    ports = List.copyOf(ports);
    if (ports.isEmpty()) {
      throw new IllegalArgumentException("redirect.ports: expected at least one port, got none");
    }
    ports.forEach(p -> requirePort("redirect.ports", p));
    if (ports.contains(listenPort)) {
      throw new IllegalArgumentException(
          "redirect.ports: must not contain the listen port " + listenPort + " (loop)");
    }
    if (agentSocketMark == 0) {
      throw new IllegalArgumentException("redirect.agentSocketMark: expected non-zero, got 0");
    }
  }

  private static void requirePort(String key, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(key + ": expected 1-65535, got " + port);
    }
  }
}
