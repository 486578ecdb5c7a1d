package dev.tether.agent.tls;

import dev.tether.core.policy.ProxySettings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * Client TLS contexts for upstream connections: the base anchors (system trust store plus the
 * {@code --extra-ca-file} CAs) together with the active policy's enterprise CAs. Host names are
 * always verified (endpoint identification {@code HTTPS}); nothing here trusts all certificates,
 * and a policy can only add anchors, never remove verification. The context for the current CA list
 * is built once and reused until the policy's list changes. Thread-safe.
 */
public final class UpstreamTls {
  private final List<X509Certificate> baseAnchors;
  private final AtomicReference<Built> current = new AtomicReference<>();

  private record Built(List<String> policyPems, SslContext context) {}

  public UpstreamTls(List<X509Certificate> baseAnchors) {
    this.baseAnchors = List.copyOf(baseAnchors);
  }

  /** A fixed context (tests, or callers that built their own); policy CAs are not added. */
  public static UpstreamTls fixed(SslContext context) {
    UpstreamTls tls = new UpstreamTls(List.of());
    tls.current.set(new Built(null, Objects.requireNonNull(context)));
    return tls;
  }

  /** The context trusting the base anchors plus the enterprise CAs of {@code settings}. */
  public SslContext context(ProxySettings settings) throws GeneralSecurityException {
    Built built = current.get();
    List<String> pems = settings.enterpriseCaPems();
    if (built != null && (built.policyPems == null || built.policyPems.equals(pems))) {
      return built.context;
    }
    List<X509Certificate> anchors = new ArrayList<>(baseAnchors);
    try {
      anchors.addAll(settings.enterpriseCas());
    } catch (RuntimeException e) {
      throw new GeneralSecurityException("policy.proxy.enterpriseCaPems: " + e.getMessage(), e);
    }
    try {
      SslContext context =
          SslContextBuilder.forClient()
              .sslProvider(TlsProviders.provider())
              .protocols("TLSv1.3", "TLSv1.2")
              .trustManager(anchors.toArray(X509Certificate[]::new))
              .endpointIdentificationAlgorithm("HTTPS")
              .build();
      current.set(new Built(List.copyOf(pems), context));
      return context;
    } catch (SSLException e) {
      throw new GeneralSecurityException("upstream TLS context", e);
    }
  }
}
