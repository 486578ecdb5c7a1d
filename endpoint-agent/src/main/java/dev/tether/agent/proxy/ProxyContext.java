package dev.tether.agent.proxy;

import dev.tether.agent.enforce.DecisionService;
import dev.tether.agent.enforce.Enforcer;
import dev.tether.agent.tls.LeafMinter;
import dev.tether.agent.tls.UpstreamTls;
import io.netty.handler.ssl.SslContext;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * Everything a proxy connection needs, shared by all connections.
 *
 * @param scope which connections are intercepted, and the policy's proxy settings
 * @param minter leaf certificates for intercepted hosts
 * @param upstreamTls client TLS contexts verifying upstream servers (trust + host name)
 * @param enforcer decides, audits and says what to do ({@link
 *     dev.tether.agent.enforce.Enforcement})
 * @param decisionExecutor bounded pool running decisions off the event loops
 * @param maxBodyBytes the agent's ceiling on a request body aggregated for inspection; the policy
 *     ({@code proxy.maxInspectedBodyBytes}) may lower it, never raise it (larger: Block 413)
 * @param transport the socket transport (epoll on Linux when available, else NIO) and upstream
 *     socket mark
 * @param h2Pool shared HTTP/2 connections to upstreams that negotiate {@code h2}
 */
public record ProxyContext(
    InterceptScope scope,
    LeafMinter minter,
    UpstreamTls upstreamTls,
    Enforcer enforcer,
    ExecutorService decisionExecutor,
    int maxBodyBytes,
    Transport transport,
    UpstreamH2Pool h2Pool) {
  /** Default bound on an inspected request body. */
  public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

  public ProxyContext {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(minter, "minter");
    Objects.requireNonNull(upstreamTls, "upstreamTls");
    Objects.requireNonNull(enforcer, "enforcer");
    Objects.requireNonNull(decisionExecutor, "decisionExecutor");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(h2Pool, "h2Pool");
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes: expected >= 1, got " + maxBodyBytes);
    }
  }

  /** A context with a new, empty upstream HTTP/2 pool. */
  public ProxyContext(
      InterceptScope scope,
      LeafMinter minter,
      UpstreamTls upstreamTls,
      Enforcer enforcer,
      ExecutorService decisionExecutor,
      int maxBodyBytes,
      Transport transport) {
    this(
        scope,
        minter,
        upstreamTls,
        enforcer,
        decisionExecutor,
        maxBodyBytes,
        transport,
        new UpstreamH2Pool());
  }

  /** A context with a fixed upstream TLS context, an enforcer without interactive modes and NIO. */
  public ProxyContext(
      InterceptScope scope,
      LeafMinter minter,
      SslContext upstreamTls,
      DecisionService decisions,
      ExecutorService decisionExecutor,
      int maxBodyBytes) {
    this(
        scope,
        minter,
        UpstreamTls.fixed(upstreamTls),
        new Enforcer(decisions),
        decisionExecutor,
        maxBodyBytes,
        Transport.nio(),
        new UpstreamH2Pool());
  }

  /** The decision service behind the enforcer (audit of events outside the pipeline). */
  public DecisionService decisions() {
    return enforcer.decisions();
  }

  /** The body bound for the current policy: the policy's, capped by the agent's ceiling. */
  int effectiveMaxBodyBytes() {
    return Math.min(maxBodyBytes, scope.settings().maxInspectedBodyBytes());
  }
}
