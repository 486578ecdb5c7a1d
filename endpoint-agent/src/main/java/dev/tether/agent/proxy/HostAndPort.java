package dev.tether.agent.proxy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A CONNECT target or absolute-URI authority: {@code host:port}, {@code [v6]:port}. The host is
 * canonical (lowercase, no trailing FQDN dot), so {@code API.OpenAI.com.} cannot slip past scope
 * and destination rules written as {@code api.openai.com}; names with empty labels are refused.
 */
record HostAndPort(String host, int port) {
  private static final Pattern HOST = Pattern.compile("[a-z0-9._-]{1,253}|[0-9a-f:.]{2,45}");

  HostAndPort {
    host = host.toLowerCase(Locale.ROOT);
    if (host.length() > 1 && host.endsWith(".") && !host.contains(":")) {
      host = host.substring(0, host.length() - 1);
    }
    if (!HOST.matcher(host).matches()
        || (!host.contains(":")
            && (host.startsWith(".") || host.endsWith(".") || host.contains("..")))) {
      throw new IllegalArgumentException("invalid host \"" + host + "\"");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("invalid port " + port);
    }
  }

  /** Parses an authority; {@code defaultPort} applies when none is given (absolute-form only). */
  static HostAndPort parse(String authority, int defaultPort) {
    String host;
    String port = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("invalid authority \"" + authority + "\"");
      }
      host = authority.substring(1, close);
      if (authority.length() > close + 1) {
        if (authority.charAt(close + 1) != ':') {
          throw new IllegalArgumentException("invalid authority \"" + authority + "\"");
        }
        port = authority.substring(close + 2);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      port = colon < 0 ? null : authority.substring(colon + 1);
    }
    if (port == null && defaultPort < 0) {
      throw new IllegalArgumentException("missing port in \"" + authority + "\"");
    }
    try {
      return new HostAndPort(host, port == null ? defaultPort : Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid port in \"" + authority + "\"");
    }
  }
}
