package dev.tether.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.audit.AuditSpool;
import dev.tether.agent.enforce.DecisionService;
import dev.tether.agent.pipeline.ContentScanner;
import dev.tether.agent.pipeline.DecisionPipeline;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.agent.testsupport.TestTls;
import dev.tether.agent.testsupport.TestUpstream;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.agent.tls.LeafMinter;
import dev.tether.agent.tls.UpstreamTrust;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy end to end in one JVM, with real TLS on both sides. */
class ProxyServerTest {
  static final String AWS_KEY = "AKIA" + "Q3EGRJ5XWZT7NB2H";
  static final AtomicReference<ActivePolicy> POLICY = new AtomicReference<>();
  static TestUpstream upstream;
  static TestUpstream untrustedUpstream;
  static DeviceCa deviceCa;
  static AuditSpool spool;
  static ProxyServer proxy;
  static InetSocketAddress proxyAddress;
  static ExecutorService decisions;
  static HttpClient client;
  static ActivePolicy verifiedPolicy;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    upstream = new TestUpstream(DeviceCa.generate("test-upstream-ca"));
    untrustedUpstream = new TestUpstream(DeviceCa.generate("untrusted-ca"));
    deviceCa = DeviceCa.generate("test-device");
    verifiedPolicy = TestPolicies.active(dir.resolve("state"), TestPolicies.document(List.of()));
    spool = AuditSpool.open(dir.resolve("spool.log"), dir.resolve("offset"), 1 << 24);
    decisions = Executors.newFixedThreadPool(2);
    DecisionService service =
        new DecisionService(
            DecisionPipeline.standard(
                ContentScanner.standard(), ProxyContext.DEFAULT_MAX_BODY_BYTES),
            POLICY::get,
            spool,
            new DecisionService.AuditContext("device-1", "alice"),
            Clock.systemUTC());
    proxy =
        new ProxyServer(
            new ProxyContext(
                InterceptScope.of(() -> Optional.of(verifiedPolicy.document())),
                new LeafMinter(deviceCa, 16),
                UpstreamTrust.clientContext(List.of(upstream.writeCaPem(dir))),
                service,
                decisions,
                ProxyContext.DEFAULT_MAX_BODY_BYTES));
    proxyAddress = proxy.start(new InetSocketAddress("127.0.0.1", 0));
    client =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(proxyAddress))
            .sslContext(TestTls.trusting(deviceCa.certificate()))
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    decisions.shutdownNow();
    spool.close();
    upstream.close();
    untrustedUpstream.close();
  }

  @BeforeEach
  void enforcePolicy() {
    POLICY.set(verifiedPolicy);
  }

  @Test
  void proxy_cleanRequest_reachesUpstreamAndResponseIntact() throws Exception {
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"explain this loop\"}]}";
    HttpResponse<String> response = post(upstream.port(), body);
    assertEquals(201, response.statusCode());
    assertEquals("real", response.headers().firstValue("X-Upstream").orElse(null));
    assertEquals(TestUpstream.replyFor(body.length()), response.body());
    assertTrue(upstream.bodies.contains(body));

    HttpResponse<String> second = post(upstream.port(), "{\"content\":\"second on keep-alive\"}");
    assertEquals(201, second.statusCode());
  }

  @Test
  void proxy_awsKey_blocked403OpenAiShapedAndNeverForwarded() throws Exception {
    String body = "{\"messages\":[{\"content\":\"my key is " + AWS_KEY + "\"}]}";
    HttpResponse<String> response = post(upstream.port(), body);
    assertEquals(403, response.statusCode());
    assertTrue(
        response.body().startsWith("{\"error\":{\"code\":\"credential_detected\""),
        response.body());
    assertTrue(response.body().contains("\"type\":\"tether_policy_violation\""));
    assertTrue(
        response.body().contains("Test policy") && response.body().contains("aws-access-key-id"));
    assertFalse(response.body().contains(AWS_KEY));
    String decisionId = response.headers().firstValue("X-Tether-Decision-Id").orElseThrow();
    assertTrue(upstream.bodies.stream().noneMatch(b -> b.contains(AWS_KEY)));

    List<AuditEvent> events =
        spool.nextBatch(10_000).events().stream()
            .filter(e -> e.decisionId().equals(decisionId))
            .toList();
    assertEquals(
        List.of(AuditLayer.RULE, AuditLayer.POLICY),
        events.stream().map(AuditEvent::layer).toList());
    assertEquals(List.of("aws-access-key-id"), events.get(0).detectorIds());
    assertEquals(body.length(), events.get(1).contentBytes());
    assertEquals(1, events.get(1).policyVersion());
  }

  @Test
  void proxy_noVerifiedPolicy_aiHostBlocked() throws Exception {
    // Scope still comes from the last verified policy (as when it has expired); enforcement has
    // none.
    POLICY.set(null);
    HttpResponse<String> response = post(upstream.port(), "{\"content\":\"hello\"}");
    assertEquals(403, response.statusCode());
    assertTrue(response.body().contains("no verified policy"), response.body());
    assertTrue(upstream.bodies.stream().noneMatch(b -> b.contains("\"hello\"")));
  }

  @Test
  void scope_noPolicyAtAll_catalogueHostsStillIntercepted() {
    InterceptScope scope = InterceptScope.of(Optional::empty);
    assertTrue(scope.destination("api.openai.com").isPresent());
    assertTrue(scope.destination("example.org").isEmpty());
  }

  @Test
  void proxy_untrustedUpstreamCertificate_502NotForwarded() throws Exception {
    HttpResponse<String> response = post(untrustedUpstream.port(), "{\"content\":\"hello\"}");
    assertEquals(502, response.statusCode());
    assertTrue(response.body().contains("upstream_certificate_invalid"), response.body());
    assertTrue(untrustedUpstream.bodies.isEmpty());
  }

  @Test
  void proxy_nonAiHost_tunnelledByteForByte() throws Exception {
    try (ServerSocket echo = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread echoThread =
          new Thread(
              () -> {
                try (Socket s = echo.accept()) {
                  s.getInputStream().transferTo(s.getOutputStream());
                } catch (Exception ignored) {
                  // test peer closed
                }
              });
      echoThread.start();
      try (Socket socket = new Socket(proxyAddress.getAddress(), proxyAddress.getPort())) {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(
            ("CONNECT 127.0.0.1:" + echo.getLocalPort() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals("HTTP/1.1 200 Connection Established\r\n\r\n", readHead(in));
        byte[] payload = new byte[4096];
        new java.util.Random(7).nextBytes(payload);
        out.write(payload);
        out.flush();
        assertEquals(
            java.util.Arrays.toString(payload),
            java.util.Arrays.toString(in.readNBytes(payload.length)));
      }
    }
  }

  @Test
  void proxy_serverSentEvents_streamWithoutAggregation() throws Exception {
    HttpResponse<java.util.stream.Stream<String>> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("https://localhost:" + upstream.port() + "/v1/stream"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    java.util.Iterator<String> lines = response.body().iterator();
    // The upstream holds the second event until we saw the first: only a streaming proxy gets here.
    java.util.concurrent.CompletableFuture<String> first =
        java.util.concurrent.CompletableFuture.supplyAsync(lines::next);
    assertEquals("data: first", first.get(3, java.util.concurrent.TimeUnit.SECONDS));
    upstream.streamGate.countDown();
    lines.next();
    assertEquals("data: second", lines.next());
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> smuggling() {
    return java.util.stream.Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(
            "Content-Length and Transfer-Encoding together",
            "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        org.junit.jupiter.params.provider.Arguments.of(
            "duplicate Content-Length headers",
            "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"),
        org.junit.jupiter.params.provider.Arguments.of(
            "conflicting Content-Length values", "Content-Length: 5, 6\r\n\r\nhello"),
        org.junit.jupiter.params.provider.Arguments.of(
            "non-numeric Content-Length", "Content-Length: five\r\n\r\nhello"));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("smuggling")
  void proxy_ambiguousFraming_400(String note, String tail) throws Exception {
    int before = upstream.bodies.size();
    try (Socket tls = interceptedSocket(upstream.port())) {
      tls.getOutputStream()
          .write(
              ("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n" + tail)
                  .getBytes(StandardCharsets.US_ASCII));
      tls.getOutputStream().flush();
      assertTrue(readHead(tls.getInputStream()).startsWith("HTTP/1.1 400 "), note);
    }
    assertEquals(before, upstream.bodies.size(), note);
  }

  @Test
  void proxy_keepAlive_twoRequestsOneConnection() throws Exception {
    try (Socket tls = interceptedSocket(upstream.port())) {
      for (String body : List.of("{\"a\":1}", "{\"b\":2}")) {
        tls.getOutputStream()
            .write(
                ("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Length: "
                        + body.length()
                        + "\r\n\r\n"
                        + body)
                    .getBytes(StandardCharsets.US_ASCII));
        tls.getOutputStream().flush();
        String head = readHead(tls.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 201 "), head);
        int length = Integer.parseInt(head.replaceAll("(?s).*(?i:content-length): (\\d+).*", "$1"));
        tls.getInputStream().readNBytes(length);
      }
    }
  }

  @Test
  void proxy_bodyOverBound_blocked413NotForwarded(@TempDir Path dir) throws Exception {
    DecisionService service =
        new DecisionService(
            DecisionPipeline.standard(ContentScanner.standard(), 1024),
            POLICY::get,
            spool,
            new DecisionService.AuditContext("device-1", "alice"),
            Clock.systemUTC());
    try (ProxyServer small =
        new ProxyServer(
            new ProxyContext(
                InterceptScope.of(() -> Optional.of(verifiedPolicy.document())),
                new LeafMinter(deviceCa, 4),
                UpstreamTrust.clientContext(List.of(upstream.writeCaPem(dir))),
                service,
                decisions,
                1024))) {
      InetSocketAddress address = small.start(new InetSocketAddress("127.0.0.1", 0));
      HttpClient smallClient =
          HttpClient.newBuilder()
              .proxy(ProxySelector.of(address))
              .sslContext(TestTls.trusting(deviceCa.certificate()))
              .version(HttpClient.Version.HTTP_1_1)
              .build();
      String body = "{\"content\":\"" + "x".repeat(4096) + "\"}";
      HttpResponse<String> response =
          smallClient.send(
              HttpRequest.newBuilder(
                      URI.create("https://localhost:" + upstream.port() + "/v1/chat/completions"))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(413, response.statusCode());
      assertTrue(response.body().contains("body_too_large"), response.body());
      assertTrue(upstream.bodies.stream().noneMatch(b -> b.equals(body)));
    }
  }

  @Test
  void proxy_plainHttpToAiHost_403() throws Exception {
    try (Socket socket = new Socket(proxyAddress.getAddress(), proxyAddress.getPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET http://localhost:"
                      + upstream.port()
                      + "/v1/models HTTP/1.1\r\n"
                      + "Host: localhost\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      assertTrue(readHead(socket.getInputStream()).startsWith("HTTP/1.1 403 "));
    }
  }

  static Socket interceptedSocket(int port) throws Exception {
    Socket socket = new Socket(proxyAddress.getAddress(), proxyAddress.getPort());
    socket.setSoTimeout(10_000);
    socket
        .getOutputStream()
        .write(
            ("CONNECT localhost:" + port + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    assertEquals("HTTP/1.1 200 Connection Established\r\n\r\n", readHead(socket.getInputStream()));
    javax.net.ssl.SSLSocket tls =
        (javax.net.ssl.SSLSocket)
            TestTls.trusting(deviceCa.certificate())
                .getSocketFactory()
                .createSocket(socket, "localhost", port, true);
    javax.net.ssl.SSLParameters parameters = tls.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    tls.setSSLParameters(parameters);
    tls.startHandshake();
    return tls;
  }

  HttpResponse<String> post(int port, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
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
}
