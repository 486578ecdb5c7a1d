package dev.tether.agent.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** A {@code host:port} the proxy listens on. Only loopback is accepted: the proxy is local. */
public record ListenAddress(String host, int port) {
  public ListenAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("listen: host required");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("listen: port expected 0..65535, got " + port);
    }
  }

  /** Parses {@code 127.0.0.1:3128}; port 0 picks a free port. */
  public static ListenAddress parse(String value) {
    int colon = value == null ? -1 : value.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("listen: expected host:port, got \"" + value + "\"");
    }
    try {
      return new ListenAddress(
          value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("listen: expected a numeric port, got \"" + value + "\"");
    }
  }

  /** Resolves and checks the address is loopback. */
  public InetSocketAddress toSocketAddress() {
    try {
      InetAddress address = InetAddress.getByName(host);
      if (!address.isLoopbackAddress()) {
        throw new IllegalArgumentException(
            "listen: expected a loopback address, got \""
                + host
                + "\" (the proxy must not be reachable from the network)");
      }
      return new InetSocketAddress(address, port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("listen: cannot resolve \"" + host + "\"", e);
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
