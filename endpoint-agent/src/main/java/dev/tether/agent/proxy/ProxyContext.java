package dev.tether.agent.proxy;

import dev.tether.agent.enforce.DecisionService;
import dev.tether.agent.tls.LeafMinter;
import io.netty.handler.ssl.SslContext;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * Everything a proxy connection needs, shared by all connections.
 *
 * @param scope which hosts are intercepted
 * @param minter leaf certificates for intercepted hosts
 * @param upstreamTls client TLS context verifying upstream servers (trust + host name)
 * @param decisions the decision service (pipeline + durable audit)
 * @param decisionExecutor bounded pool running decisions off the event loops
 * @param maxBodyBytes largest request body aggregated for inspection (larger: Block 413)
 */
public record ProxyContext(
    InterceptScope scope,
    LeafMinter minter,
    SslContext upstreamTls,
    DecisionService decisions,
    ExecutorService decisionExecutor,
    int maxBodyBytes) {
  /** Default bound on an inspected request body. */
  public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

  public ProxyContext {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(minter, "minter");
    Objects.requireNonNull(upstreamTls, "upstreamTls");
    Objects.requireNonNull(decisions, "decisions");
    Objects.requireNonNull(decisionExecutor, "decisionExecutor");
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes: expected >= 1, got " + maxBodyBytes);
    }
  }
}
