package dev.tether.agent.proxy;

import dev.tether.core.policy.Provider;
import java.util.Objects;

/**
 * Where an intercepted connection goes and how it is judged.
 *
 * @param upstream the address to connect to (CONNECT target, or the original destination)
 * @param serverName the name sent as SNI upstream and verified against its certificate, and the
 *     host the decision sees (the client's SNI, else the CONNECT host, else the IP literal)
 * @param provider error format for refusals
 * @param listed true for a policy or catalogue AI destination; false for an unlisted host (only
 *     AI-shaped requests are decided, and denied as an unrecognised AI endpoint)
 * @param tls false for plaintext HTTP (never used towards a listed AI destination)
 */
record InterceptTarget(
    HostAndPort upstream, String serverName, Provider provider, boolean listed, boolean tls) {
  InterceptTarget {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(provider, "provider");
  }
}
