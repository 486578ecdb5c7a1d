package dev.tether.agent.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust for upstream TLS: the JDK default trust store plus enterprise CAs from PEM files. Host
 * names are verified by the handler (endpoint identification {@code HTTPS}); nothing here ever
 * trusts all certificates.
 */
public final class UpstreamTrust {
  private UpstreamTrust() {}

  /** A client context trusting the JDK defaults and every certificate in {@code extraCaFiles}. */
  public static SslContext clientContext(List<Path> extraCaFiles)
      throws IOException, GeneralSecurityException {
    List<X509Certificate> anchors = new ArrayList<>(jdkDefaultAnchors());
    for (Path file : extraCaFiles) {
      anchors.addAll(Pem.readCertificates(file));
    }
    return SslContextBuilder.forClient()
        .sslProvider(TlsProviders.provider())
        .protocols("TLSv1.3", "TLSv1.2")
        .trustManager(anchors.toArray(X509Certificate[]::new))
        .endpointIdentificationAlgorithm("HTTPS")
        .build();
  }

  /** The JDK defaults plus every certificate in {@code extraCaFiles}, for {@link UpstreamTls}. */
  public static List<X509Certificate> anchors(List<Path> extraCaFiles)
      throws IOException, GeneralSecurityException {
    List<X509Certificate> anchors = new ArrayList<>(jdkDefaultAnchors());
    for (Path file : extraCaFiles) {
      anchors.addAll(Pem.readCertificates(file));
    }
    return anchors;
  }

  private static List<X509Certificate> jdkDefaultAnchors() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    List<X509Certificate> anchors = new ArrayList<>();
    for (var manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        anchors.addAll(List.of(x509.getAcceptedIssuers()));
      }
    }
    return anchors;
  }
}
