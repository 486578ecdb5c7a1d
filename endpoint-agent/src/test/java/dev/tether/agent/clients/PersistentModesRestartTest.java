package dev.tether.agent.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tether.agent.TestPolicies;
import dev.tether.agent.config.EnrollConfig;
import dev.tether.agent.config.ListenAddress;
import dev.tether.agent.config.RunConfig;
import dev.tether.agent.config.StateDir;
import dev.tether.agent.daemon.Daemon;
import dev.tether.agent.enroll.Enroller;
import dev.tether.agent.testsupport.TestTls;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.core.api.ApprovalFiling;
import dev.tether.core.api.ApprovalList;
import dev.tether.core.api.ApprovalStatus;
import dev.tether.core.api.EnrollResponse;
import dev.tether.core.api.HeartbeatResponse;
import dev.tether.core.json.JsonCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coach and Request across an agent restart, through the real daemon (real proxy, real TLS both
 * ways, real status page) against a local stand-in for the console's agent API and a local fake
 * OpenAI upstream: an acknowledgement given on the status page, and an approval request pending
 * while the agent is down and granted meanwhile, both hold for a new daemon on the same state dir.
 */
class PersistentModesRestartTest {
  static final String JUSTIFICATION = "roadmap is public since the keynote";

  @TempDir Path dir;
  HttpServer console;
  FakeProvider upstream;
  StateDir state;
  RunConfig config;
  final List<String> auditUploads = new CopyOnWriteArrayList<>();
  final List<ApprovalFiling> filings = new CopyOnWriteArrayList<>();
  final AtomicReference<ApprovalStatus> approval = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    DeviceCa upstreamCa = DeviceCa.generate("restart-upstream-ca");
    upstream = new FakeProvider(upstreamCa, "localhost");
    Path upstreamCaPem = dir.resolve("upstream-ca.pem");
    Files.write(upstreamCaPem, upstreamCa.certificatePem());
    byte[] bundle =
        TestPolicies.sign(RealClientsIT.policy(), 1, Instant.now(), Duration.ofHours(1));
    console = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    console.createContext(
        "/tether/api/v1/agent/enroll",
        ex ->
            reply(
                ex,
                JsonCodec.write(
                    new EnrollResponse(
                        "device-restart",
                        "restart-cred",
                        TestPolicies.TENANT,
                        TestPolicies.GROUP,
                        List.of(TestPolicies.ROOT)))));
    console.createContext("/tether/api/v1/agent/bundle", ex -> reply(ex, bundle));
    console.createContext(
        "/tether/api/v1/agent/heartbeat",
        ex -> reply(ex, JsonCodec.write(new HeartbeatResponse(1))));
    console.createContext(
        "/tether/api/v1/agent/audit-events",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            body = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
          }
          auditUploads.add(new String(body, StandardCharsets.UTF_8));
          lastUploads = auditUploads.toString();
          reply(ex, "{\"accepted\":0,\"duplicates\":0}".getBytes(StandardCharsets.UTF_8));
        });
    console.createContext(
        "/tether/api/v1/agent/approvals",
        ex -> {
          if (ex.getRequestMethod().equals("POST")) {
            ApprovalFiling filing =
                JsonCodec.read(ex.getRequestBody().readAllBytes(), ApprovalFiling.class);
            filings.add(filing);
            approval.compareAndSet(
                null, new ApprovalStatus(filing.requestId(), "PENDING", null, null, null));
            reply(ex, JsonCodec.write(approval.get()));
          } else {
            ApprovalStatus current = approval.get();
            reply(
                ex,
                JsonCodec.write(new ApprovalList(current == null ? List.of() : List.of(current))));
          }
        });
    console.start();
    state = new StateDir(dir.resolve("state"));
    Enroller.enroll(
        new EnrollConfig(
                "http://127.0.0.1:" + console.getAddress().getPort() + "/tether", "token", state)
            .validated());
    config =
        new RunConfig(
                state,
                ListenAddress.parse("127.0.0.1:0"),
                List.of(upstreamCaPem),
                Duration.ofHours(1),
                Duration.ofSeconds(1))
            .validated();
  }

  @AfterEach
  void stop() {
    if (console != null) {
      console.stop(0);
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void coachAcknowledgedOnStatusPage_survivesRestart_retryAllowedAndAuditedWithJustification()
      throws Exception {
    String prompt = "summarise the NIGHTJAR-2024 roadmap";
    String link;
    try (Daemon first = startDaemon()) {
      HttpResponse<String> coached = send(first, prompt);
      assertEquals(403, coached.statusCode(), coached.body());
      assertTrue(coached.body().contains("coach_acknowledgement_required"), coached.body());
      Matcher m =
          Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/decisions/[0-9a-f-]{36})")
              .matcher(coached.body());
      assertTrue(m.find(), coached.body());
      link = m.group(1);
      acknowledge(link, JUSTIFICATION);
    }
    assertFalse(upstream.bodies.stream().anyMatch(b -> b.contains("NIGHTJAR")), "held");

    try (Daemon second = startDaemon()) {
      HttpResponse<String> retry = send(second, prompt);
      assertEquals(200, retry.statusCode(), retry.body());
      assertTrue(retry.body().contains("echo: " + prompt), retry.body());
      HttpResponse<String> other = send(second, prompt + " and the budget");
      assertEquals(403, other.statusCode(), "a changed prompt is a new request: " + other.body());
      assertFalse(Files.readString(state.status()).contains("ledgerProblem"));
    }
    waitFor(
        () ->
            auditUploads.stream()
                .anyMatch(
                    u ->
                        u.contains("coach acknowledged (decision " + id(link))
                            && u.contains("justification: " + JUSTIFICATION)),
        "audit record of the allowed retry with the justification");
  }

  @Test
  void pendingRequest_survivesRestart_andGrantMadeWhileDownIsPickedUp() throws Exception {
    String prompt = "draft the rollout for TICKET-4242";
    try (Daemon first = startDaemon()) {
      HttpResponse<String> held = send(first, prompt);
      assertEquals(403, held.statusCode(), held.body());
      assertTrue(held.body().contains("approval_required"), held.body());
      waitFor(() -> !filings.isEmpty(), "approval request filed with the console");
    }
    // Granted while the agent is down.
    Instant decided = Instant.now();
    String requestId = filings.get(0).requestId();
    approval.set(
        new ApprovalStatus(
            requestId, "APPROVED", decided.plus(Duration.ofMinutes(10)), "ok", decided));

    try (Daemon second = startDaemon()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      HttpResponse<String> r = send(second, prompt);
      while (r.statusCode() != 200 && System.nanoTime() < deadline) {
        assertTrue(r.body().contains("approval_pending"), "still the same request: " + r.body());
        Thread.sleep(300);
        r = send(second, prompt);
      }
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(r.body().contains("echo: " + prompt), r.body());
    }
    // The console may see the same request again (filing is idempotent per request id) if the
    // first agent stopped before it recorded the answer; never a new request.
    assertEquals(
        List.of(requestId),
        filings.stream().map(ApprovalFiling::requestId).distinct().toList(),
        "the restarted agent kept its pending request");
  }

  Daemon startDaemon() throws Exception {
    Daemon daemon = Daemon.start(config);
    waitFor(
        () -> Files.exists(state.status()) && read(state.status()).contains("\"policyVersion\":1"),
        "policy enforced");
    return daemon;
  }

  HttpResponse<String> send(Daemon daemon, String prompt) throws Exception {
    X509Certificate ca =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(Files.readAllBytes(state.caCertificate())));
    HttpClient client =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(daemon.proxyAddress()))
            .sslContext(TestTls.trusting(ca))
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return client.send(
        HttpRequest.newBuilder(
                URI.create("https://localhost:" + upstream.port() + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(20))
            .header("content-type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Clients.requestBody(Clients.Api.OPENAI, false, prompt)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void acknowledge(String link, String justification) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String page =
        http.send(
                HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
    assertTrue(token.find(), page);
    HttpResponse<String> posted =
        http.send(
            HttpRequest.newBuilder(URI.create(link + "/acknowledge"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "csrf="
                            + token.group(1)
                            + "&justification="
                            + URLEncoder.encode(justification, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(303, posted.statusCode(), posted.body());
  }

  static String id(String link) {
    return link.substring(link.lastIndexOf('/') + 1);
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  static String lastUploads = "";

  static void waitFor(Condition condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.holds()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for: " + what + lastUploads);
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  static void reply(HttpExchange ex, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }
}
