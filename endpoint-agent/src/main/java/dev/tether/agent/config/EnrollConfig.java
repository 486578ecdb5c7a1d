package dev.tether.agent.config;

import dev.tether.agent.enroll.TrustPin;
import java.net.URI;

/**
 * Options of {@code tether-agent enroll}.
 *
 * @param server server base URL, e.g. {@code http://localhost:8080/tether}
 * @param token single-use enrollment token
 * @param stateDir state directory
 * @param pin the tenant's root of trust as pinned by the installer ({@link TrustPin#NONE}: trust on
 *     first use)
 */
public record EnrollConfig(String server, String token, StateDir stateDir, TrustPin pin) {
  /** Options without a pinned trust root. */
  public EnrollConfig(String server, String token, StateDir stateDir) {
    this(server, token, stateDir, TrustPin.NONE);
  }

  @Override
  public String toString() {
    return "EnrollConfig[server="
        + server
        + ", token=masked, stateDir="
        + stateDir
        + ", pin="
        + pin
        + "]";
  }

  /** Normalises the URL (no trailing slash) and rejects nonsense, naming the option. */
  public EnrollConfig validated() {
    if (server == null || server.isBlank()) {
      throw new IllegalArgumentException(
          "server: required, e.g. --server http://localhost:8080/tether");
    }
    URI uri;
    try {
      uri = URI.create(server.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("server: expected a URL, got \"" + server + "\"");
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("server: expected an http(s) URL, got \"" + server + "\"");
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token: required");
    }
    String base = server.trim().replaceAll("/+$", "");
    return new EnrollConfig(
        base,
        token.trim(),
        stateDir == null ? StateDir.resolve(null) : stateDir,
        pin == null ? TrustPin.NONE : pin);
  }
}
