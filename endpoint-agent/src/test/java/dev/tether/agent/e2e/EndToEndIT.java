package dev.tether.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.agent.testsupport.TestTls;
import dev.tether.agent.testsupport.TestUpstream;
import dev.tether.agent.tls.DeviceCa;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole slice, as a newcomer would run it: the real server (Payara Micro running {@code
 * tether.war}, H2), a real agent enrolled against it and running its explicit proxy, a fake
 * OpenAI-compatible upstream over real TLS, and real clients (curl, Java's HttpClient).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fabricated for this test; shaped like an AWS access key id, not a live credential. */
  private static final String FAKE_AWS_KEY_ID = "AKIAQ3EGT5ZRWJ7LUN4F";

  /** A name that is no AI destination; the agent resolves it to loopback ({@link #hostsFile}). */
  private static final String NON_AI_NAME = "intranet.example.test";

  private Path work;

  private ManagedProcess server;
  private ManagedProcess agent;
  private TestUpstream upstream;
  private TestUpstream nonAiUpstream;
  private TestUpstream namedNonAiUpstream;
  private Path hostsFile;
  private TetherAdminClient admin;
  private Path agentState;
  private Path deviceCa;
  private Path upstreamCa;
  private int proxyPort;
  private String serverUrl;

  @BeforeAll
  void startTether(@TempDir Path tempDir) throws Exception {
    work = tempDir;
    int serverPort = freePort();
    serverUrl = "http://127.0.0.1:" + serverPort + "/tether";
    Path data = work.resolve("server-data");
    server =
        ManagedProcess.start(
            "payara-micro",
            List.of(
                java(),
                "-Xmx512m",
                "-Dtether.data.dir=" + data,
                "-jar",
                requiredFile("tether.e2e.payaraMicroJar").toString(),
                "--deploy",
                requiredFile("tether.e2e.serverWar").toString(),
                "--rootdir",
                work.resolve("payara-root").toString(),
                "--port",
                String.valueOf(serverPort),
                "--nocluster"),
            work.resolve("server.log"));
    server.awaitReady(Duration.ofMinutes(4), () -> respondsAt(serverUrl + "/api/v1/agent/bundle"));
    admin = new TetherAdminClient(serverUrl, Files.readString(data.resolve("admin-token")).trim());

    admin.post("/api/v1/admin/tenants", "{\"id\":\"acme\",\"name\":\"Acme Corp\"}", 201);
    admin.post(
        "/api/v1/admin/tenants/acme/groups",
        "{\"id\":\"engineering\",\"name\":\"Engineering\"}",
        201);
    String token =
        admin
            .post("/api/v1/admin/tenants/acme/groups/engineering/enrollment-tokens", "{}", 201)
            .get("token")
            .asText();

    DeviceCa upstreamIssuer = DeviceCa.generate("e2e-upstream-ca");
    upstream = new TestUpstream(upstreamIssuer, "localhost");
    nonAiUpstream = new TestUpstream(upstreamIssuer, "127.0.0.1");
    namedNonAiUpstream = new TestUpstream(upstreamIssuer, NON_AI_NAME);
    upstreamCa = upstream.writeCaPem(work);

    agentState = work.resolve("agent-state");
    // The agent JVM resolves names from this file only: the test's names reach loopback and no
    // other name (api.openai.com, ...) resolves, so nothing can leave the machine.
    hostsFile = work.resolve("hosts");
    Files.writeString(hostsFile, "127.0.0.1 localhost\n127.0.0.1 " + NON_AI_NAME + "\n");
    ManagedProcess.run(
        agentCommand("enroll", "--server", serverUrl, "--token", token), Duration.ofSeconds(60));
    deviceCa = agentState.resolve("ca.pem");
    proxyPort = freePort();
    agent =
        ManagedProcess.start(
            "tether-agent",
            agentCommand(
                "run",
                "--listen",
                "127.0.0.1:" + proxyPort,
                "--extra-ca-file",
                upstreamCa.toString(),
                "--poll-interval",
                "1s"),
            work.resolve("agent.log"));
    agent.awaitReady(Duration.ofSeconds(60), () -> acceptsConnections(proxyPort));
  }

  @AfterAll
  void stopTether() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (server != null) {
      server.close();
    }
    if (upstream != null) {
      upstream.close();
    }
    if (nonAiUpstream != null) {
      nonAiUpstream.close();
    }
    if (namedNonAiUpstream != null) {
      namedNonAiUpstream.close();
    }
  }

  @Test
  @Order(1)
  void noPolicy_knownAiHost_isBlockedForCurlAndHttpClient() throws Exception {
    Curl.requireInstalled();
    Curl.Response curl =
        Curl.post(proxyPort, deviceCa, "https://api.openai.com/v1/chat/completions", chat("hello"));
    assertEquals(403, curl.status(), curl.body());
    assertThat(JSON.readTree(curl.body()).at("/error/message").asText())
        .containsIgnoringCase("policy");

    HttpResponse<String> java =
        httpClient()
            .send(
                chatRequest("https://api.openai.com/v1/chat/completions", chat("hello")),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(403, java.statusCode(), java.body());
  }

  @Test
  @Order(2)
  void publishPolicy_agentStartsEnforcing() throws Exception {
    admin.put(
        "/api/v1/admin/tenants/acme/groups/engineering/policy/draft",
        """
        {"name": "Acme engineering",
         "aiDestinations": [{"host": "localhost", "provider": "OPENAI"},
                            {"host": "api.deepseek.com", "provider": "GENERIC"}],
         "blockedHosts": ["api.deepseek.com"],
         "detectorModes": {"cloud-credentials": "BLOCK", "private-keys": "BLOCK"},
         "defaultMode": "ALLOW",
         "bundleLifetime": "P1D"}
        """,
        200);
    JsonNode published =
        admin.post("/api/v1/admin/tenants/acme/groups/engineering/policy/publish", "", 201);
    assertEquals(1, published.get("version").asLong());

    awaitStatus("ENFORCING", Duration.ofSeconds(60));
  }

  @Test
  @Order(3)
  void cleanRequest_reachesUpstream_responseIntact() throws Exception {
    Curl.requireInstalled();
    String question = chat("What is a monad?");
    Curl.Response curl = Curl.post(proxyPort, deviceCa, upstreamUrl(), question);
    assertEquals(201, curl.status(), curl.body());
    assertEquals(TestUpstream.replyFor(question.length()), curl.body());

    String records = chat("Explain Java records");
    HttpResponse<String> java =
        httpClient()
            .send(chatRequest(upstreamUrl(), records), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, java.statusCode());
    assertEquals(TestUpstream.replyFor(records.length()), java.body());
    assertThat(java.headers().firstValue("X-Upstream")).hasValue("real");
    assertThat(upstream.bodies).contains(question, records);
  }

  @Test
  @Order(4)
  void credentialInRequest_isBlockedWithProviderShapedError_andNeverReachesUpstream()
      throws Exception {
    Curl.requireInstalled();
    Curl.Response curl =
        Curl.post(
            proxyPort,
            deviceCa,
            upstreamUrl(),
            chat("debug this: AWS_ACCESS_KEY_ID=" + FAKE_AWS_KEY_ID));
    assertEquals(403, curl.status(), curl.body());
    JsonNode error = JSON.readTree(curl.body()).get("error");
    assertThat(error.get("message").asText())
        .contains("Acme engineering")
        .contains("aws-access-key-id");
    assertThat(error.get("message").asText()).doesNotContain(FAKE_AWS_KEY_ID);
    assertThat(error.has("type")).isTrue();

    HttpResponse<String> java =
        httpClient()
            .send(
                chatRequest(upstreamUrl(), chat("key " + FAKE_AWS_KEY_ID)),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(403, java.statusCode());

    assertThat(upstream.bodies).noneMatch(b -> b.contains(FAKE_AWS_KEY_ID));
  }

  @Test
  @Order(5)
  void blockedDestination_isRefused() throws Exception {
    Curl.requireInstalled();
    Curl.Response curl =
        Curl.post(proxyPort, deviceCa, "https://api.deepseek.com/chat/completions", chat("hi"));
    assertEquals(403, curl.status(), curl.body());
  }

  @Test
  @Order(6)
  void ipLiteralWithoutSni_interceptedNotWavedThrough_aiShapedDenied() throws Exception {
    Curl.requireInstalled();
    // 127.0.0.1 names no host and curl sends no SNI for an IP literal: the agent cannot tell an
    // AI endpoint from anything else, so it intercepts (never waves the connection through for a
    // missing name). The client sees a device-CA leaf, not the upstream's own certificate, and an
    // AI-shaped request to this unlisted endpoint is refused before the upstream sees it.
    String body = chat("not a listed AI host " + FAKE_AWS_KEY_ID);
    String url = "https://127.0.0.1:" + nonAiUpstream.port() + "/v1/chat/completions";
    AssertionError untrusted =
        org.junit.jupiter.api.Assertions.assertThrows(
            AssertionError.class, () -> Curl.post(proxyPort, upstreamCa, url, body));
    assertThat(untrusted.getMessage()).contains("exit 60"); // curl: certificate not trusted
    Curl.Response withDeviceCa = Curl.post(proxyPort, deviceCa, url, body);
    assertEquals(403, withDeviceCa.status(), withDeviceCa.body());
    assertThat(withDeviceCa.body()).contains("unrecognised_ai_endpoint");
    assertThat(nonAiUpstream.bodies).doesNotContain(body);
  }

  @Test
  @Order(7)
  void nonAiHostByName_isTunnelledUntouched() throws Exception {
    Curl.requireInstalled();
    // CONNECT and SNI name a host that is no AI destination: tunnelled byte for byte, so the client
    // sees the upstream's own certificate (only the upstream's CA validates it, not the device
    // CA) and the body, AI-shaped and with a credential, arrives unchanged.
    String body = chat("not an AI request " + FAKE_AWS_KEY_ID);
    String url =
        "https://" + NON_AI_NAME + ":" + namedNonAiUpstream.port() + "/v1/chat/completions";
    Curl.Response curl = Curl.post(proxyPort, upstreamCa, url, body);
    assertEquals(201, curl.status(), curl.body());
    assertEquals(TestUpstream.replyFor(body.length()), curl.body());
    assertThat(namedNonAiUpstream.bodies).contains(body);
    AssertionError deviceCaOnly =
        org.junit.jupiter.api.Assertions.assertThrows(
            AssertionError.class, () -> Curl.post(proxyPort, deviceCa, url, body));
    assertThat(deviceCaOnly.getMessage()).contains("exit 60"); // not the device CA's leaf
  }

  @Test
  @Order(8)
  void decisions_showUpInAdminAuditApi() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    List<JsonNode> events = List.of();
    while (Instant.now().isBefore(deadline)) {
      events = new ArrayList<>();
      admin
          .get("/api/v1/admin/tenants/acme/audit-events?limit=1000")
          .get("events")
          .forEach(events::add);
      if (hasRuleBlock(events) && hasAllow(events) && hasNoPolicyBlock(events)) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(hasRuleBlock(events))
        .as("RULE event naming aws-access-key-id in %s", events)
        .isTrue();
    assertThat(hasAllow(events)).as("POLICY ALLOW event in %s", events).isTrue();
    assertThat(hasNoPolicyBlock(events)).as("BLOCK under no policy in %s", events).isTrue();
    assertThat(events.toString()).doesNotContain(FAKE_AWS_KEY_ID).doesNotContain("What is a monad");
  }

  private static boolean hasRuleBlock(List<JsonNode> events) {
    return events.stream()
        .anyMatch(
            e ->
                "RULE".equals(e.path("layer").asText())
                    && e.path("detectorIds").toString().contains("aws-access-key-id")
                    && e.path("policyVersion").asLong() == 1);
  }

  private static boolean hasAllow(List<JsonNode> events) {
    return events.stream()
        .anyMatch(
            e ->
                "POLICY".equals(e.path("layer").asText())
                    && "ALLOW".equals(e.path("mode").asText())
                    && "localhost".equals(e.path("destinationHost").asText()));
  }

  private static boolean hasNoPolicyBlock(List<JsonNode> events) {
    return events.stream()
        .anyMatch(
            e ->
                "BLOCK".equals(e.path("mode").asText())
                    && e.path("policyVersion").asLong() == 0
                    && "api.openai.com".equals(e.path("destinationHost").asText()));
  }

  private void awaitStatus(String expected, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    String status = "";
    while (Instant.now().isBefore(deadline)) {
      status = ManagedProcess.run(agentCommand("status"), Duration.ofSeconds(30));
      if (status.contains(expected)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "agent never reached "
            + expected
            + "; last status:\n"
            + status
            + "\nagent log:\n"
            + agent.tail());
  }

  private String upstreamUrl() {
    return "https://localhost:" + upstream.port() + "/v1/chat/completions";
  }

  private static String chat(String content) throws IOException {
    return JSON.writeValueAsString(
        JSON.createObjectNode()
            .put("model", "gpt-test")
            .set(
                "messages",
                JSON.createArrayNode()
                    .add(JSON.createObjectNode().put("role", "user").put("content", content))));
  }

  private static HttpRequest chatRequest(String url, String json) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  /** Java's HttpClient through the agent's proxy, trusting only the device CA. */
  private HttpClient httpClient() throws Exception {
    X509Certificate ca;
    try (var in = Files.newInputStream(deviceCa)) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    return HttpClient.newBuilder()
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxyPort)))
        .sslContext(TestTls.trusting(ca))
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private List<String> agentCommand(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                java(),
                "-Djdk.net.hosts.file=" + hostsFile,
                "-jar",
                requiredFile("tether.e2e.agentJar").toString()));
    command.add(args[0]);
    command.addAll(List.of("--state-dir", agentState.toString()));
    command.addAll(List.of(args).subList(1, args.length));
    return command;
  }

  private static Path requiredFile(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.isRegularFile(Path.of(value))) {
      throw new AssertionError(
          "system property " + property + " must name a built file, got " + value);
    }
    return Path.of(value);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean acceptsConnections(int port) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean respondsAt(String url) {
    try {
      int status =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      return status != 404 && status < 500;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
