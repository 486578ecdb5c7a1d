package dev.tether.agent.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.audit.AuditSpool;
import dev.tether.agent.clients.Clients.Api;
import dev.tether.agent.clients.Clients.Result;
import dev.tether.agent.enforce.ApprovalLedger;
import dev.tether.agent.enforce.CoachLedger;
import dev.tether.agent.enforce.DecisionService;
import dev.tether.agent.enforce.Enforcer;
import dev.tether.agent.enforce.Notifier;
import dev.tether.agent.enforce.RecentDecisions;
import dev.tether.agent.enforce.StandardModes;
import dev.tether.agent.enforce.WatermarkCodec;
import dev.tether.agent.pipeline.ContentScanner;
import dev.tether.agent.pipeline.DecisionPipeline;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.agent.proxy.InterceptScope;
import dev.tether.agent.proxy.ProxyContext;
import dev.tether.agent.proxy.ProxyServer;
import dev.tether.agent.proxy.Transport;
import dev.tether.agent.statuspage.StatusPage;
import dev.tether.agent.testsupport.TestTls;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.agent.tls.LeafMinter;
import dev.tether.agent.tls.UpstreamTls;
import dev.tether.agent.tls.UpstreamTrust;
import dev.tether.core.policy.AiDestination;
import dev.tether.core.policy.CustomRule;
import dev.tether.core.policy.JudgeSettings;
import dev.tether.core.policy.ModeOverride;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.policy.ResponseSettings;
import dev.tether.core.policy.TradeSecrets;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real clients through the real agent proxy (explicit CONNECT, real TLS both ways) to a local fake
 * OpenAI and Anthropic upstream (both {@code localhost}, two ports): the npm {@code openai} and
 * {@code @anthropic-ai/sdk} packages ({@code npm ci} from the committed lock file), Python {@code
 * requests}, curl and Java's HttpClient. For every client and both APIs: an allowed stream arrives
 * whole; Block, Coach and Request errors surface as the SDK's typed error with our message and
 * never reach upstream; a Coach acknowledged on the status page and a Request approved are then
 * allowed; Redact round-trips (upstream sees placeholders, the client sees its own text, also when
 * the placeholder is streamed split over several events); Watermark marks what leaves.
 *
 * <p>Missing node/npm, python3 with requests, or curl: skipped with a loud message locally, a
 * failure when {@code CI=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealClientsIT {
  static final String AWS_KEY = "AKIA" + "Q3EGRJ5XWZT7NB2H";
  static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

  FakeProvider openAi;
  FakeProvider anthropic;
  DeviceCa deviceCa;
  AuditSpool spool;
  ExecutorService executor;
  AutoCloseable proxy;
  StatusPage statusPage;
  final CoachLedger coach = new CoachLedger();
  final ApprovalLedger approvals = new ApprovalLedger();
  final RecentDecisions recent = new RecentDecisions();
  Clients clients;
  Path work;

  /** One client program against one API. */
  enum Client {
    NODE_OPENAI(Api.OPENAI),
    NODE_ANTHROPIC(Api.ANTHROPIC),
    PYTHON_OPENAI(Api.OPENAI),
    PYTHON_ANTHROPIC(Api.ANTHROPIC),
    CURL_OPENAI(Api.OPENAI),
    CURL_ANTHROPIC(Api.ANTHROPIC),
    JAVA_OPENAI(Api.OPENAI),
    JAVA_ANTHROPIC(Api.ANTHROPIC);

    final Api api;

    Client(Api api) {
      this.api = api;
    }

    boolean isNode() {
      return name().startsWith("NODE");
    }
  }

  @BeforeAll
  void start() throws Exception {
    work = Path.of("target", "real-clients").toAbsolutePath();
    String python = prerequisites();
    installClients();
    DeviceCa upstreamCa = DeviceCa.generate("fake-provider-ca");
    openAi = new FakeProvider(upstreamCa, "localhost");
    anthropic = new FakeProvider(upstreamCa, "localhost");
    deviceCa = DeviceCa.generate("real-clients-device");
    Path deviceCaPem = work.resolve("device-ca.pem");
    Files.write(deviceCaPem, deviceCa.certificatePem());
    Path upstreamCaPem = work.resolve("upstream-ca.pem");
    Files.write(upstreamCaPem, upstreamCa.certificatePem());

    ActivePolicy policy = TestPolicies.active(work.resolve("state-" + System.nanoTime()), policy());
    spool =
        AuditSpool.open(
            work.resolve("spool-" + System.nanoTime()),
            work.resolve("offset-" + System.nanoTime()),
            1 << 26);
    executor = Executors.newFixedThreadPool(2);
    statusPage = StatusPage.start(0, recent, coach, approvals, Clock.systemUTC());
    DecisionService decisions =
        new DecisionService(
            DecisionPipeline.standard(
                ContentScanner.standard(), ProxyContext.DEFAULT_MAX_BODY_BYTES),
            () -> policy,
            spool,
            new DecisionService.AuditContext("device-1", "alice"),
            Clock.systemUTC());
    Enforcer enforcer =
        new Enforcer(
            decisions,
            new StandardModes(
                () -> policy,
                ContentScanner.standard(),
                ProxyContext.DEFAULT_MAX_BODY_BYTES,
                coach,
                approvals,
                recent,
                Notifier.NONE,
                statusPage::baseUrl,
                Clock.systemUTC()));
    ProxyServer server =
        new ProxyServer(
            new ProxyContext(
                InterceptScope.of(() -> java.util.Optional.of(policy.document())),
                new LeafMinter(deviceCa, 64),
                UpstreamTls.fixed(UpstreamTrust.clientContext(List.of(upstreamCaPem))),
                enforcer,
                executor,
                ProxyContext.DEFAULT_MAX_BODY_BYTES,
                Transport.nio()));
    proxy = server;
    InetSocketAddress address = server.start(new InetSocketAddress("127.0.0.1", 0));
    clients =
        new Clients(
            work,
            "http://127.0.0.1:" + address.getPort(),
            deviceCaPem,
            TestTls.trusting(deviceCa.certificate()),
            python);
  }

  @AfterAll
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (statusPage != null) {
      statusPage.close();
    }
    if (executor != null) {
      executor.shutdownNow();
    }
    if (spool != null) {
      spool.close();
    }
    if (openAi != null) {
      openAi.close();
    }
    if (anthropic != null) {
      anthropic.close();
    }
  }

  static PolicyDocument policy() {
    List<CustomRule> rules =
        List.of(
            new CustomRule("nightjar", "project Nightjar", "NIGHTJAR-[0-9]{4}", null, List.of()),
            new CustomRule("ticket", "change tickets", "TICKET-[0-9]{4}", null, List.of()),
            new CustomRule("forbidden", "forbidden codes", "FORBIDDEN-[0-9]{4}", null, List.of()),
            new CustomRule("watermark", "traced documents", "WATERMARK-[0-9]", null, List.of()));
    return new PolicyDocument(
            "Real clients",
            // One host for both fakes (different ports): errors take the shape of the API the
            // client calls (/v1/messages -> Anthropic), not only of the destination.
            List.of(new AiDestination("localhost", Provider.GENERIC)),
            List.of(),
            Map.of("cloud-credentials", ResponseMode.REDACT, "custom-rules", ResponseMode.BLOCK),
            ResponseMode.ALLOW,
            "P1D",
            new TradeSecrets(
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), rules))
        .withResponses(
            new ResponseSettings(
                List.of(
                    new ModeOverride(null, "custom-nightjar", null, ResponseMode.COACH),
                    new ModeOverride(null, "custom-ticket", null, ResponseMode.REQUEST),
                    new ModeOverride(null, "custom-watermark", null, ResponseMode.WATERMARK)),
                "PT10M",
                null,
                null,
                null))
        // This suite is about how each mode reaches real clients; the intent judge has its own
        // tests, and an unsure verdict on these short prompts would coach them.
        .withJudge(new JudgeSettings(false, null, null, null, null, null, null))
        .validated();
  }

  Result send(Client client, boolean stream, String prompt) throws Exception {
    String base =
        client.api == Api.OPENAI
            ? "https://localhost:" + openAi.port()
            : "https://localhost:" + anthropic.port();
    return switch (client) {
      case NODE_OPENAI, NODE_ANTHROPIC -> clients.node(client.api, base, stream, prompt);
      case PYTHON_OPENAI, PYTHON_ANTHROPIC -> clients.python(client.api, base, stream, prompt);
      case CURL_OPENAI, CURL_ANTHROPIC -> clients.curl(client.api, base, stream, prompt);
      case JAVA_OPENAI, JAVA_ANTHROPIC -> clients.java(client.api, base, stream, prompt);
    };
  }

  FakeProvider upstream(Client client) {
    return client.api == Api.OPENAI ? openAi : anthropic;
  }

  static void assertPolicyError(Client client, Result r, String code) {
    assertFalse(r.ok(), r.toString());
    assertEquals(403, r.status(), r.toString());
    if (client.isNode()) {
      assertEquals("PermissionDeniedError", r.errorClass(), r.toString());
    }
    assertTrue(r.message().contains("policy 'Real clients' version 1"), r.toString());
    assertFalse(r.message().contains("<"), "plain text message: " + r);
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void allowedStream_arrivesWhole(Client client) throws Exception {
    String prompt = "explain this loop to " + client;
    Result r = send(client, true, prompt);
    assertTrue(r.ok(), r.toString());
    assertEquals("echo: " + prompt, r.text());
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void block_rendersTypedErrorWithPolicyMessage_andNeverReachesUpstream(Client client)
      throws Exception {
    String prompt = "use code FORBIDDEN-1234 for " + client;
    Result r = send(client, false, prompt);
    assertPolicyError(client, r, "sensitive_content_detected");
    assertTrue(r.message().contains("Blocked by Tether"), r.message());
    assertTrue(r.message().contains("custom-forbidden"), r.message());
    assertFalse(upstream(client).bodies.stream().anyMatch(b -> b.contains("FORBIDDEN-1234")));
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void coach_explainsWithLink_thenAcknowledgedRetryIsAllowed(Client client) throws Exception {
    String prompt = "summarise NIGHTJAR-2024 roadmap for " + client;
    Result held = send(client, true, prompt);
    assertPolicyError(client, held, "coach_acknowledgement_required");
    Matcher link =
        Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/decisions/[0-9a-f-]{36})")
            .matcher(held.message());
    assertTrue(link.find(), held.message());
    assertFalse(upstream(client).bodies.stream().anyMatch(b -> b.contains(prompt)));

    acknowledge(link.group(1), "roadmap is public since the keynote");
    Result retry = send(client, true, prompt);
    assertTrue(retry.ok(), retry.toString());
    assertEquals("echo: " + prompt, retry.text());
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void request_filesApproval_thenApprovedRetryIsAllowed(Client client) throws Exception {
    String prompt = "draft the rollout for TICKET-" + (4000 + client.ordinal());
    Result held = send(client, false, prompt);
    assertPolicyError(client, held, "approval_required");
    assertTrue(held.message().contains("An approval request was sent"), held.message());
    Result again = send(client, false, prompt);
    assertTrue(again.message().contains("Approval is pending"), again.toString());
    ApprovalLedger.Filed filed =
        approvals.newestFirst().stream()
            .filter(f -> held.message().contains(f.decisionId()))
            .findFirst()
            .orElseThrow();
    approvals.update(
        filed.decisionId(),
        ApprovalLedger.State.APPROVED,
        java.time.Instant.now().plus(Duration.ofMinutes(5)),
        "ok");
    Result approved = send(client, false, prompt);
    assertTrue(approved.ok(), approved.toString());
    assertEquals("echo: " + prompt, approved.text());
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void redact_upstreamSeesPlaceholder_clientSeesItsKeyAgainInTheStream(Client client)
      throws Exception {
    String prompt = "why does " + AWS_KEY + " fail for " + client + "?";
    Result r = send(client, true, prompt);
    assertTrue(r.ok(), r.toString());
    assertEquals("echo: " + prompt, r.text(), "placeholder split over 4-char SSE deltas restored");
    String sent =
        upstream(client).bodies.stream()
            .filter(b -> b.contains("for " + client + "?"))
            .findFirst()
            .orElseThrow();
    assertTrue(sent.contains("[AWS_ACCESS_KEY_1]"), sent);
    assertFalse(sent.contains(AWS_KEY), "the key never left");
  }

  @ParameterizedTest
  @EnumSource(
      value = Client.class,
      names = {"NODE_OPENAI", "PYTHON_ANTHROPIC"})
  void redact_plainResponse_roundTrips(Client client) throws Exception {
    String prompt = "plain " + AWS_KEY + " " + client;
    Result r = send(client, false, prompt);
    assertTrue(r.ok(), r.toString());
    assertEquals("echo: " + prompt, r.text());
  }

  @ParameterizedTest
  @EnumSource(
      value = Client.class,
      names = {"NODE_ANTHROPIC", "CURL_OPENAI"})
  void watermark_whatLeavesCarriesTheDecisionId(Client client) throws Exception {
    String prompt = "WATERMARK-7 please review the quarterly plan for " + client;
    Result r = send(client, true, prompt);
    assertTrue(r.ok(), r.toString());
    String sent =
        upstream(client).bodies.stream()
            .filter(b -> WatermarkCodec.strip(b).contains(client.toString()))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertEquals(1, WatermarkCodec.decode(sent).size(), sent);
    assertEquals("echo: " + prompt, WatermarkCodec.strip(r.text()));
  }

  private void acknowledge(String link, String justification) throws Exception {
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
                            + java.net.URLEncoder.encode(
                                justification, java.nio.charset.StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(303, posted.statusCode(), posted.body());
  }

  // ---- prerequisites ----

  private String prerequisites() throws Exception {
    String python = pythonWithRequests();
    StringBuilder missing = new StringBuilder();
    if (!works("node", "--version")) missing.append(" node");
    if (!works("npm", "--version")) missing.append(" npm");
    if (!works("curl", "--version")) missing.append(" curl");
    if (python == null) missing.append(" python3-with-requests");
    if (missing.length() > 0) {
      String message =
          "RealClientsIT: missing" + missing + " (install nodejs npm curl python3-requests)";
      if (CI) {
        throw new IllegalStateException(message + "; CI=true, so this fails instead of skipping");
      }
      System.err.println("!!!!! SKIPPED " + message + " !!!!!");
      Assumptions.abort(message);
    }
    return python;
  }

  private static String pythonWithRequests() throws Exception {
    for (String candidate : List.of("/usr/bin/python3", "python3")) {
      if (works(candidate, "-c", "import requests")) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean works(String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** {@code npm ci} from the committed lock file into target/real-clients (skipped if current). */
  private void installClients() throws Exception {
    Path source = Path.of("src", "test", "clients").toAbsolutePath();
    Files.createDirectories(work);
    for (String file :
        List.of("package.json", "package-lock.json", "sdk-client.mjs", "http-client.py")) {
      Files.copy(source.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    Path stamp = work.resolve("node_modules").resolve(".tether-lock");
    byte[] lock = Files.readAllBytes(work.resolve("package-lock.json"));
    if (Files.exists(stamp) && java.util.Arrays.equals(Files.readAllBytes(stamp), lock)) {
      return;
    }
    Process p =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("npm-ci.log").toFile())
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("npm ci failed; see " + work.resolve("npm-ci.log"));
    }
    Files.write(stamp, lock);
  }
}
