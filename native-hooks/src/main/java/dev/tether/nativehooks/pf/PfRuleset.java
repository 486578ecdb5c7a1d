package dev.tether.nativehooks.pf;

import dev.tether.nativehooks.RedirectSpec;
import java.util.stream.Collectors;

/**
 * pf rules for one {@link RedirectSpec} (macOS), loaded into the agent's own anchor. pf has no
 * socket mark: the agent's upstream sockets are exempt by the agent's dedicated user ({@code user
 * != AGENT_USER}). Outbound TCP to the ports is routed to {@code lo0} ({@code route-to}), where
 * {@code rdr} sends it to the listener; the original destination is then read with {@code
 * DIOCNATLOOK} ({@link PfNatLook}).
 *
 * <p>Verified here: the text is generated and unit-tested. Not verified here: loading it with
 * {@code pfctl} on macOS (no macOS in CI). The main ruleset must reference the anchor ({@code
 * rdr-anchor "com.tether.agent"} and {@code anchor "com.tether.agent"}); the package's install
 * script adds both lines to {@code /etc/pf.conf}.
 */
public final class PfRuleset {
  /** Anchor the agent owns. */
  public static final String ANCHOR = "com.tether.agent";

  /** The macOS user the agent runs as (its sockets are not redirected). */
  public static final String AGENT_USER = "_tether";

  private PfRuleset() {}

  /** The anchor's rules, in pf's required order (translation before filtering). */
  public static String anchorRules(RedirectSpec spec) {
    String ports =
        spec.ports().stream()
            .distinct()
            .sorted()
            .map(String::valueOf)
            .collect(Collectors.joining(", ", "{ ", " }"));
    int listen = spec.listenPort();
    StringBuilder out = new StringBuilder();
    out.append("rdr pass on lo0 inet proto tcp from any to any port ")
        .append(ports)
        .append(" -> 127.0.0.1 port ")
        .append(listen)
        .append('\n');
    out.append("rdr pass on lo0 inet6 proto tcp from any to any port ")
        .append(ports)
        .append(" -> ::1 port ")
        .append(listen)
        .append('\n');
    out.append("pass out route-to (lo0 127.0.0.1) inet proto tcp from any to any port ")
        .append(ports)
        .append(" user != ")
        .append(AGENT_USER)
        .append(" keep state\n");
    out.append("pass out route-to (lo0 ::1) inet6 proto tcp from any to any port ")
        .append(ports)
        .append(" user != ")
        .append(AGENT_USER)
        .append(" keep state\n");
    if (spec.blockQuic()) {
      out.append("block return out proto udp from any to any port 443 user != ")
          .append(AGENT_USER)
          .append('\n');
    }
    return out.toString();
  }
}
