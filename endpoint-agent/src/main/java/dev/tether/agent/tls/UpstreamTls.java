package dev.tether.agent.tls;

import dev.tether.core.policy.ProxySettings;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
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

  private record Built(List<String> policyPems, SslContext context, SslContext alpn) {}

  public UpstreamTls(List<X509Certificate> baseAnchors) {
    this.baseAnchors = List.copyOf(baseAnchors);
  }

  /** A fixed context (tests, or callers that built their own); policy CAs are not added. */
  public static UpstreamTls fixed(SslContext context) {
    UpstreamTls tls = new UpstreamTls(List.of());
    tls.current.set(new Built(null, Objects.requireNonNull(context), context));
    return tls;
  }

  /**
   * The context trusting the base anchors plus the enterprise CAs of {@code settings}, offering no
   * application protocol (HTTP/1.1 only: WebSocket upgrades).
   */
  public SslContext context(ProxySettings settings) throws GeneralSecurityException {
    return built(settings).context;
  }

  /**
   * The same trust and host name verification as {@link #context}, offering ALPN {@code h2} and
   * {@code http/1.1} (the server chooses; a server without ALPN means HTTP/1.1).
   */
  public SslContext alpnContext(ProxySettings settings) throws GeneralSecurityException {
    return built(settings).alpn;
  }

  private Built built(ProxySettings settings) throws GeneralSecurityException {
    Built built = current.get();
    List<String> pems = settings.enterpriseCaPems();
    if (built != null && (built.policyPems == null || built.policyPems.equals(pems))) {
      return built;
    }
    synchronized (this) {
      // One context per CA list even when many connections ask at once: pooled upstream
      // connections are keyed by the context object.
      return build(pems, settings);
    }
  }

  private Built build(List<String> pems, ProxySettings settings) throws GeneralSecurityException {
    Built built = current.get();
    if (built != null && (built.policyPems == null || built.policyPems.equals(pems))) {
      return built;
    }
    List<X509Certificate> anchors = new ArrayList<>(baseAnchors);
    try {
      anchors.addAll(settings.enterpriseCas());
    } catch (RuntimeException e) {
      throw new GeneralSecurityException("policy.proxy.enterpriseCaPems: " + e.getMessage(), e);
    }
    try {
      X509Certificate[] trusted = anchors.toArray(X509Certificate[]::new);
      SslContext context = verifying(trusted).build();
      SslContext alpn =
          verifying(trusted)
              .applicationProtocolConfig(
                  new ApplicationProtocolConfig(
                      ApplicationProtocolConfig.Protocol.ALPN,
                      ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                      ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                      ApplicationProtocolNames.HTTP_2,
                      ApplicationProtocolNames.HTTP_1_1))
              .build();
      Built fresh = new Built(List.copyOf(pems), context, alpn);
      current.set(fresh);
      return fresh;
    } catch (SSLException e) {
      throw new GeneralSecurityException("upstream TLS context", e);
    }
  }

  /** System/enterprise anchors, TLS 1.3/1.2, host name verified: the only way contexts are made. */
  private static SslContextBuilder verifying(X509Certificate[] trusted) {
    return SslContextBuilder.forClient()
        .sslProvider(TlsProviders.provider())
        .protocols("TLSv1.3", "TLSv1.2")
        .trustManager(trusted)
        .endpointIdentificationAlgorithm("HTTPS");
  }
}
