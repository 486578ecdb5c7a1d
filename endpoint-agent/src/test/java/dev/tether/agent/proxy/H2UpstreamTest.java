package dev.tether.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.enforce.ModeHandlers;
import dev.tether.agent.testsupport.H2TestClient;
import dev.tether.agent.testsupport.H2TestUpstream;
import dev.tether.agent.testsupport.TestTls;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.core.audit.AuditEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 towards the upstream, through the real proxy with real TLS on both sides, against the
 * Netty h2 fake upstream: pooled streams, trailers (gRPC shape), blocked requests, GOAWAY, an
 * HTTP/1.1-only upstream, certificate errors.
 */
class H2UpstreamTest {
  static final String AWS_KEY = "AKIA" + "Q3EGRJ5XWZT7NB2H";
  static final String CLEAN =
      "{\"messages\":[{\"role\":\"user\",\"content\":\"explain this loop\"}]}";

  @TempDir Path dir;
  DeviceCa upstreamCa;
  H2TestUpstream upstream;
  ProxyFixture proxy;
  HttpClient client;

  @BeforeEach
  void start() throws Exception {
    upstreamCa = DeviceCa.generate("h2-upstream-ca");
    upstream = new H2TestUpstream(upstreamCa, "localhost", true);
    proxy = fixture(null);
    client = h2Client(proxy);
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  private ProxyFixture fixture(OriginalDestinationResolver transparent) throws Exception {
    return new ProxyFixture(
        dir.resolve("p" + System.nanoTime()),
        TestPolicies.document(List.of()),
        ModeHandlers.none(),
        upstream.writeCaPem(upstreamCa, dir),
        transparent);
  }

  private static HttpClient h2Client(ProxyFixture proxy) throws Exception {
    return HttpClient.newBuilder()
        .proxy(ProxySelector.of(proxy.address))
        .sslContext(TestTls.trusting(proxy.deviceCa.certificate()))
        .version(HttpClient.Version.HTTP_2)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private HttpRequest post(int port, String path, String body) {
    return HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private void assertNoStreamLeft() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (proxy.context.h2Pool().openStreams() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(proxy.context.h2Pool().openStreams()).as("streams still open").isZero();
  }

  @Test
  void javaHttpClientH2_concurrentStreams_shareOneUpstreamConnection() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String body = numbered("q", i);
      all.add(client.sendAsync(post(upstream.port(), "/v1/chat/completions", body), ofString()));
    }
    for (var future : all) {
      HttpResponse<String> response = future.get(30, TimeUnit.SECONDS);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(response.headers().firstValue("x-upstream")).hasValue("h2");
      assertThat(response.body()).startsWith("{\"id\":\"chatcmpl-1\"");
    }
    assertThat(upstream.streams.get()).isEqualTo(24);
    assertThat(upstream.connections.get()).as("upstream connections").isEqualTo(1);
    assertThat(upstream.authorities).allMatch(a -> a.equals("localhost:" + upstream.port()));
    assertNoStreamLeft();
  }

  @Test
  void sseOverH2Upstream_streamsEventByEvent() throws Exception {
    upstream.streamDelayMillis = 3_000;
    HttpResponse<java.io.InputStream> response =
        client.send(
            post(upstream.port(), "/v1/stream", CLEAN), HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo("data: first");
      assertThat(upstream.secondSent)
          .as("first event arrived before the second was sent")
          .isFalse();
      lines.readLine();
      assertThat(lines.readLine()).isEqualTo("data: second");
    }
  }

  @Test
  void clientCancelsMidStream_upstreamStreamReset_noStreamLeft() throws Exception {
    upstream.streamDelayMillis = 30_000;
    HttpResponse<java.io.InputStream> response =
        client.send(
            post(upstream.port(), "/v1/stream", CLEAN), HttpResponse.BodyHandlers.ofInputStream());
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    assertThat(lines.readLine()).isEqualTo("data: first");
    assertThat(proxy.context.h2Pool().openStreams()).isEqualTo(1);
    lines.close(); // the JDK client resets its stream; the proxy must reset the upstream one
    assertNoStreamLeft();
    assertThat(upstream.secondSent).isFalse();
  }

  @Test
  void curlHttp2_reachesH2Upstream() throws Exception {
    Path ca = dir.resolve("device-ca.pem");
    java.nio.file.Files.write(ca, proxy.deviceCa.certificatePem());
    String version = run(List.of("curl", "-V"));
    if (version == null || !version.contains("HTTP2")) {
      String why = "curl with HTTP2 support not available: " + version;
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(why);
      }
      System.err.println("SKIPPING curl --http2 test: " + why);
      return;
    }
    String out =
        run(
            List.of(
                "curl",
                "-sS",
                "--http2",
                "--max-time",
                "20",
                "--proxy",
                "http://127.0.0.1:" + proxy.address.getPort(),
                "--cacert",
                ca.toString(),
                "-H",
                "content-type: application/json",
                "--data-binary",
                CLEAN,
                "-w",
                "\n%{http_version} %{http_code}",
                "https://localhost:" + upstream.port() + "/v1/chat/completions"));
    assertThat(out).contains("\"echo\":" + CLEAN.length()).endsWith("\n2 201");
    assertThat(upstream.connections.get()).isEqualTo(1);
  }

  @Test
  void grpcUnaryAndServerStreaming_trailersReachH2Client() throws Exception {
    try (ProxyFixture transparent =
            fixture(ch -> new InetSocketAddress("127.0.0.1", upstream.port()));
        H2TestClient h2 =
            new H2TestClient(
                transparent.address, "localhost", transparent.deviceCa.certificate())) {
      String authority = "localhost:" + upstream.port();
      byte[] message = "hello grpc".getBytes(StandardCharsets.UTF_8);
      var unary =
          h2.send(
                  H2TestClient.post(authority, "/echo.Echo/Unary", "application/grpc")
                      .set("te", "trailers"),
                  H2TestUpstream.grpcFrame(message),
                  H2TestClient.fields(List.of("x-request-trailer", "sent-after-body")))
              .get(20, TimeUnit.SECONDS);
      assertThat(unary.headers().status().toString()).isEqualTo("200");
      assertThat(unary.body()).isEqualTo(H2TestUpstream.grpcFrame(message));
      assertThat(unary.trailers().get("grpc-status").toString()).isEqualTo("0");
      // Request trailers arrive after the body the decision inspected: never forwarded.
      assertThat(upstream.requestTrailers).doesNotContainKey("x-request-trailer");
      assertThat(upstream.requestTrailers).isEmpty();

      var stream =
          h2.send(
                  H2TestClient.post(authority, "/echo.Echo/Stream", "application/grpc")
                      .set("te", "trailers"),
                  H2TestUpstream.grpcFrame(message),
                  null)
              .get(20, TimeUnit.SECONDS);
      byte[] one = H2TestUpstream.grpcFrame(message);
      assertThat(stream.body()).hasSize(3 * one.length);
      assertThat(stream.trailers().get("grpc-status").toString()).isEqualTo("0");

      var failed =
          h2.send(
                  H2TestClient.post(authority, "/echo.Echo/Fail", "application/grpc")
                      .set("te", "trailers"),
                  H2TestUpstream.grpcFrame(message),
                  null)
              .get(20, TimeUnit.SECONDS);
      var statusCarrier = failed.trailers() != null ? failed.trailers() : failed.headers();
      assertThat(statusCarrier.get("grpc-status").toString()).isEqualTo("7");
      assertThat(statusCarrier.get("grpc-message").toString())
          .isEqualTo("permission denied by fake");
      assertThat(upstream.connections.get()).isEqualTo(1);
    }
  }

  @Test
  void http1ClientWithTeTrailers_getsChunkedTrailers_withoutTe_none() throws Exception {
    String withTe = grpcOverHttp1("TE: trailers\r\n");
    assertThat(withTe)
        .startsWith("HTTP/1.1 200")
        .containsIgnoringCase("transfer-encoding: chunked");
    assertThat(withTe).containsIgnoringCase("\r\n0\r\ngrpc-status: 0\r\n");
    String withoutTe = grpcOverHttp1("");
    assertThat(withoutTe).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("grpc-status");
  }

  private String grpcOverHttp1(String extra) throws Exception {
    SSLSocket tls =
        proxy.connect("localhost", upstream.port(), "localhost", proxy.deviceCa.certificate());
    byte[] frame = H2TestUpstream.grpcFrame("hi".getBytes(StandardCharsets.UTF_8));
    tls.getOutputStream()
        .write(
            ("POST /echo.Echo/Unary HTTP/1.1\r\nHost: localhost:"
                    + upstream.port()
                    + "\r\nContent-Type: application/grpc\r\n"
                    + extra
                    + "Content-Length: "
                    + frame.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    tls.getOutputStream().write(frame);
    tls.getOutputStream().flush();
    return new String(tls.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void blockedOverH2_neverOpensAnUpstreamStream() throws Exception {
    HttpResponse<String> warm =
        client.send(post(upstream.port(), "/v1/chat/completions", CLEAN), ofString());
    assertThat(warm.statusCode()).isEqualTo(201);
    int streams = upstream.streams.get();
    String secret = "{\"messages\":[{\"content\":\"my key is " + AWS_KEY + "\"}]}";
    HttpResponse<String> blocked =
        client.send(post(upstream.port(), "/v1/chat/completions", secret), ofString());
    assertThat(blocked.statusCode()).isEqualTo(403);
    assertThat(blocked.body()).contains("credential_detected").doesNotContain(AWS_KEY);
    assertThat(upstream.streams.get()).isEqualTo(streams);
    assertThat(upstream.bodies).noneMatch(b -> b.contains(AWS_KEY));
    assertThat(upstream.connections.get()).isEqualTo(1);
  }

  @Test
  void hostDifferentFromDecidedName_421_neverSent() throws Exception {
    SSLSocket tls =
        proxy.connect("localhost", upstream.port(), "localhost", proxy.deviceCa.certificate());
    String reply = ProxyFixture.post(tls, "evil.example", "/v1/chat/completions", CLEAN, "");
    assertThat(reply).startsWith("HTTP/1.1 421").contains("misdirected_request");
    assertThat(upstream.streams.get()).isZero();
  }

  @Test
  void goAway_streamsAboveLastStreamId_retriedOnNewConnection() throws Exception {
    upstream.goAwayAtStreams = 4;
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String body = numbered("retry", i);
      all.add(client.sendAsync(post(upstream.port(), "/v1/chat/completions", body), ofString()));
    }
    for (var future : all) {
      HttpResponse<String> response = future.get(30, TimeUnit.SECONDS);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
    assertThat(upstream.connections.get()).as("a new connection after GOAWAY").isEqualTo(2);
    for (int i = 0; i < 4; i++) {
      String marker = "\"retry-" + i + "\"";
      assertThat(upstream.bodies.stream().filter(b -> b.contains(marker)).count())
          .as("processed exactly once: " + marker)
          .isEqualTo(1);
    }
    assertNoStreamLeft();
  }

  @Test
  void connectionLostAfterRequestSent_clearErrorNotRetried() throws Exception {
    HttpResponse<String> response =
        client.send(post(upstream.port(), "/v1/hangup", CLEAN), ofString());
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).contains("upstream_stream_failed");
    assertThat(upstream.bodies).hasSize(1);
    assertNoStreamLeft();
  }

  @Test
  void http1OnlyUpstream_stillWorksFromH2Client() throws Exception {
    try (H2TestUpstream http1 = new H2TestUpstream(upstreamCa, "localhost", false)) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> response =
            client.send(post(http1.port(), "/v1/chat/completions", CLEAN), ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-upstream")).hasValue("http1");
      }
      assertThat(http1.streams.get()).isEqualTo(3);
    }
  }

  @Test
  void untrustedUpstreamOverH2_blocked502AndAudited() throws Exception {
    try (H2TestUpstream untrusted =
        new H2TestUpstream(DeviceCa.generate("other-ca"), "localhost", true)) {
      HttpResponse<String> response =
          client.send(post(untrusted.port(), "/v1/chat/completions", CLEAN), ofString());
      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.body()).contains("upstream_certificate_invalid");
      assertThat(untrusted.streams.get()).isZero();
      String decision = response.headers().firstValue("X-Tether-Decision-Id").orElseThrow();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      List<AuditEvent> events = List.of();
      while (System.nanoTime() < deadline) {
        events = proxy.audit().stream().filter(e -> e.decisionId().equals(decision)).toList();
        if (events.stream().anyMatch(e -> e.reason().contains("failed TLS verification"))) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(events).anyMatch(e -> e.reason().contains("failed TLS verification"));
    }
  }

  /** A clean prompt (the judge is sure) told apart by a field outside the prompt text. */
  private static String numbered(String tag, int i) {
    return "{\"user\":\"" + tag + "-" + i + "\"," + CLEAN.substring(1);
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static String run(List<String> command) throws Exception {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
