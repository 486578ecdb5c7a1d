package dev.tether.agent.proxy;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.audit.AuditSpool;
import dev.tether.agent.enforce.DecisionService;
import dev.tether.agent.enforce.Enforcer;
import dev.tether.agent.enforce.ModeHandlers;
import dev.tether.agent.pipeline.ContentScanner;
import dev.tether.agent.pipeline.DecisionPipeline;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.agent.telemetry.DecisionTracer;
import dev.tether.agent.testsupport.TestTls;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.agent.tls.LeafMinter;
import dev.tether.agent.tls.UpstreamTls;
import dev.tether.agent.tls.UpstreamTrust;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.policy.PolicyDocument;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** One proxy with a given policy and mode handlers, over real TLS on loopback. */
final class ProxyFixture implements AutoCloseable {
  final DeviceCa deviceCa;
  final AuditSpool spool;
  final ProxyServer proxy;
  final InetSocketAddress address;
  final ProxyContext context;
  final ExecutorService decisions = Executors.newFixedThreadPool(2);

  ProxyFixture(
      Path dir,
      PolicyDocument document,
      ModeHandlers modes,
      Path upstreamCa,
      OriginalDestinationResolver transparent)
      throws Exception {
    this(dir, document, modes, upstreamCa, transparent, DecisionTracer.disabled());
  }

  ProxyFixture(
      Path dir,
      PolicyDocument document,
      ModeHandlers modes,
      Path upstreamCa,
      OriginalDestinationResolver transparent,
      DecisionTracer tracer)
      throws Exception {
    this(dir, document, modes, upstreamCa, transparent, tracer, AppAttribution.NONE);
  }

  ProxyFixture(
      Path dir,
      PolicyDocument document,
      ModeHandlers modes,
      Path upstreamCa,
      OriginalDestinationResolver transparent,
      DecisionTracer tracer,
      AppAttribution apps)
      throws Exception {
    deviceCa = DeviceCa.generate("fixture-device");
    ActivePolicy policy = TestPolicies.active(dir.resolve("state"), document);
    spool = AuditSpool.open(dir.resolve("spool.log"), dir.resolve("offset"), 1 << 24);
    DecisionService service =
        new DecisionService(
            DecisionPipeline.standard(
                ContentScanner.standard(), ProxyContext.DEFAULT_MAX_BODY_BYTES),
            () -> policy,
            spool,
            new DecisionService.AuditContext("device-1", "alice"),
            Clock.systemUTC(),
            tracer);
    context =
        new ProxyContext(
            InterceptScope.of(() -> Optional.of(policy.document())),
            new LeafMinter(deviceCa, 16),
            new UpstreamTls(UpstreamTrust.anchors(List.of(upstreamCa))),
            new Enforcer(service, modes),
            decisions,
            ProxyContext.DEFAULT_MAX_BODY_BYTES,
            Transport.auto(null));
    proxy = new ProxyServer(context, apps);
    address =
        transparent == null
            ? proxy.start(new InetSocketAddress("127.0.0.1", 0))
            : proxy.startTransparent(new InetSocketAddress("127.0.0.1", 0), transparent);
  }

  /** Audit events recorded so far. */
  List<AuditEvent> audit() throws Exception {
    return spool.nextBatch(10_000).events();
  }

  /**
   * A TLS socket through the explicit proxy: CONNECT {@code connectHost:port}, then a handshake
   * sending {@code sni} (or none), trusting only {@code trusted}, without host name checks (the
   * tests assert the presented issuer instead).
   */
  SSLSocket connect(
      String connectHost, int port, String sni, java.security.cert.X509Certificate trusted)
      throws Exception {
    Socket socket = new Socket(address.getAddress(), address.getPort());
    socket.setSoTimeout(10_000);
    socket
        .getOutputStream()
        .write(
            ("CONNECT " + connectHost + ":" + port + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    String head = readHead(socket.getInputStream());
    if (!head.startsWith("HTTP/1.1 200")) {
      throw new IllegalStateException(head);
    }
    return handshake(socket, sni, trusted);
  }

  static SSLSocket handshake(Socket socket, String sni, java.security.cert.X509Certificate trusted)
      throws Exception {
    SSLSocket tls =
        (SSLSocket)
            TestTls.trusting(trusted)
                .getSocketFactory()
                .createSocket(socket, sni == null ? "127.0.0.1" : sni, socket.getPort(), true);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
    parameters.setApplicationProtocols(new String[] {"http/1.1"});
    tls.setSSLParameters(parameters);
    tls.startHandshake();
    return tls;
  }

  /** Sends one HTTP/1.1 POST and returns the whole response as text. */
  static String post(SSLSocket tls, String host, String path, String body, String extraHeaders)
      throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    tls.getOutputStream()
        .write(
            ("POST "
                    + path
                    + " HTTP/1.1\r\nHost: "
                    + host
                    + "\r\nContent-Type: application/json\r\n"
                    + extraHeaders
                    + "Content-Length: "
                    + bytes.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    tls.getOutputStream().write(bytes);
    tls.getOutputStream().flush();
    return new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  static String readHead(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  @Override
  public void close() throws Exception {
    proxy.close();
    decisions.shutdownNow();
    spool.close();
  }
}
