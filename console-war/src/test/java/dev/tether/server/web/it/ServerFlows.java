package dev.tether.server.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.api.AgentApi;
import dev.tether.core.api.ApprovalFiling;
import dev.tether.core.api.ApprovalList;
import dev.tether.core.api.ApprovalStatus;
import dev.tether.core.api.AuditBatch;
import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.api.EnrollRequest;
import dev.tether.core.api.EnrollResponse;
import dev.tether.core.api.Heartbeat;
import dev.tether.core.api.HeartbeatResponse;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.bundle.BundleVerifier;
import dev.tether.core.bundle.PolicyScope;
import dev.tether.core.bundle.RootVerifier;
import dev.tether.core.bundle.TrustedRoot;
import dev.tether.core.bundle.VerifiedBundle;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ResponseMode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The server's end-to-end steps, each asserting the status and body it expects. Integration tests
 * compose them; every step uses only the public HTTP API.
 */
public final class ServerFlows {
  /** The admin API root. */
  public static final String ADMIN = "api/v1/admin/tenants";

  /** Body of {@code POST .../enrollment-tokens}. */
  public record TokenView(String token, Instant expiresAt, int maxUses, String id) {}

  /** Body of {@code POST .../policy/publish} and of each version listed (the history entry). */
  public record VersionView(
      long version,
      String digest,
      Instant issuedAt,
      Instant expiresAt,
      String contentDigest,
      String kind,
      Long sourceVersion,
      String publishedBy,
      Instant publishedAt,
      String note,
      String signingKeyId) {}

  /** An RFC 9457 problem body ({@code errors}: validation problems only). */
  public record ProblemView(
      String type, String title, int status, String detail, List<Map<String, String>> errors) {}

  /** A tenant and group created for one test run. */
  public record Scope(String tenant, String group) {
    public String groupPath() {
      return ADMIN + "/" + tenant + "/groups/" + group;
    }
  }

  /** An enrolled device: its server-assigned identity and the key and credential it holds. */
  public record Device(EnrollResponse enrollment, Ed25519KeyPair key) {
    public String credential() {
      return enrollment.deviceCredential();
    }

    public String id() {
      return enrollment.deviceId();
    }
  }

  private final TetherHttp http;

  public ServerFlows(TetherHttp http) {
    this.http = http;
  }

  /** Creates a fresh tenant (random id) with group {@code default}. */
  public Scope createTenantAndGroup() {
    String tenant = "it-" + UUID.randomUUID().toString().substring(0, 8);
    expect(201, http.admin("POST", ADMIN, Map.of("id", tenant, "name", "IT " + tenant)));
    expect(
        201,
        http.admin(
            "POST", ADMIN + "/" + tenant + "/groups", Map.of("id", "default", "name", "Default")));
    return new Scope(tenant, "default");
  }

  /** Saves a valid draft named after the version and publishes it, asserting the version number. */
  public VersionView publish(Scope scope, long expectedVersion) {
    saveDraft(scope, expectedVersion);
    VersionView published =
        read(
            expect(201, http.admin("POST", scope.groupPath() + "/policy/publish", null)),
            VersionView.class);
    assertEquals(expectedVersion, published.version());
    assertTrue(published.digest().startsWith("sha256:"), published.digest());
    return published;
  }

  /**
   * The tenant's audit export verifies offline against the pinned checkpoint key and holds exactly
   * {@code batch}'s events; the server's re-hash of the store finds nothing rewritten.
   */
  public void auditLogExportVerifiesOffline(Scope scope, AuditBatch batch) throws Exception {
    String key =
        new String(
                expect(200, http.admin("GET", "api/v1/admin/audit-log/verifier-key", null)).body(),
                StandardCharsets.UTF_8)
            .trim();
    dev.tether.core.audit.log.LogExport export =
        read(
            expect(
                200,
                http.admin(
                    "GET", "api/v1/admin/audit-log/tenants/" + scope.tenant() + "/export", null)),
            dev.tether.core.audit.log.LogExport.class);
    dev.tether.core.audit.log.Checkpoint checkpoint =
        dev.tether.core.audit.log.ExportVerifier.verify(
            export, dev.tether.core.audit.log.NoteVerifierKey.parse(key), null);
    assertEquals(
        batch.events(),
        export.entries().stream().map(dev.tether.core.audit.log.LogExport.Entry::event).toList());
    assertTrue(checkpoint.size() >= batch.events().size(), checkpoint::toString);
    String note =
        new String(
            expect(200, http.admin("GET", "api/v1/admin/audit-log/checkpoint", null)).body(),
            StandardCharsets.UTF_8);
    assertEquals(export.checkpoint(), note);
    String verification =
        new String(
            expect(200, http.admin("GET", "api/v1/admin/audit-log/verify", null)).body(),
            StandardCharsets.UTF_8);
    assertTrue(verification.contains("\"mismatched\":[]"), verification);
  }

  /**
   * Saves a valid draft named {@code "IT policy v<version>"} as policy as code does: reads the
   * current draft's ETag (none before the first save) and sends it as {@code If-Match}; asserts the
   * validated echo and a new ETag.
   */
  public void saveDraft(Scope scope, long version) {
    PolicyDocument draft =
        new PolicyDocument(
            "IT policy v" + version,
            List.of(),
            List.of("evil.example"),
            Map.of("secrets", ResponseMode.BLOCK),
            ResponseMode.ALLOW,
            "P1D");
    HttpResponse<byte[]> current = http.admin("GET", scope.groupPath() + "/policy/draft", null);
    Map<String, String> headers = new java.util.HashMap<>();
    if (current.statusCode() == 200) {
      headers.put("If-Match", current.headers().firstValue("ETag").orElseThrow());
    } else {
      problem(404, "policy.draft", current);
    }
    HttpResponse<byte[]> saved =
        expect(200, http.admin("PUT", scope.groupPath() + "/policy/draft", draft, headers));
    assertEquals(draft.validated(), read(saved, PolicyDocument.class));
    assertTrue(saved.headers().firstValue("ETag").orElse("").matches("\"[0-9a-f]{32}\""));
  }

  /**
   * Publishes {@code n} times at once; the versions must be exactly {@code next .. next+n-1}, each
   * once (the group lock and the unique constraint at work).
   */
  public void concurrentPublishes(Scope scope, int n, long next) throws Exception {
    saveDraft(scope, next + n - 1);
    List<Long> versions =
        inParallel(
            n,
            () ->
                read(
                        expect(
                            201, http.admin("POST", scope.groupPath() + "/policy/publish", null)),
                        VersionView.class)
                    .version());
    assertEquals(
        java.util.stream.LongStream.range(next, next + n).boxed().toList(),
        versions.stream().sorted().toList());
  }

  /** Uploads the same fresh batch {@code n} times at once: each event is stored exactly once. */
  public void concurrentDuplicateUploads(Device device, AuditBatch batch, int n) throws Exception {
    List<AuditBatchResult> results =
        inParallel(
            n,
            () ->
                read(
                    expect(
                        200,
                        http.agent(
                            "POST", AgentApi.AUDIT_EVENTS, batch, device.credential(), Map.of())),
                    AuditBatchResult.class));
    int size = batch.events().size();
    assertEquals(
        size, results.stream().mapToInt(AuditBatchResult::accepted).sum(), results::toString);
    assertEquals(
        size * (n - 1),
        results.stream().mapToInt(AuditBatchResult::duplicates).sum(),
        results::toString);
  }

  private static <T> List<T> inParallel(int n, java.util.concurrent.Callable<T> call)
      throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(n);
    try {
      List<java.util.concurrent.Future<T>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(call));
      }
      List<T> results = new java.util.ArrayList<>();
      for (java.util.concurrent.Future<T> future : futures) {
        results.add(future.get(120, java.util.concurrent.TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Issues a token (24 h) and enrolls a new device with it. */
  public Device enroll(Scope scope) {
    TokenView token =
        read(
            expect(
                201,
                http.admin(
                    "POST", scope.groupPath() + "/enrollment-tokens", Map.of("ttlHours", 24))),
            TokenView.class);
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    EnrollRequest request =
        new EnrollRequest(
            token.token(), key.publicKey().toBase64(), "it-host", "it-user", "it-agent");
    EnrollResponse response =
        read(
            expect(200, http.agent("POST", AgentApi.ENROLL, request, null, Map.of())),
            EnrollResponse.class);
    assertEquals(scope.tenant(), response.tenant());
    assertEquals(scope.group(), response.group());
    expect(401, http.agent("POST", AgentApi.ENROLL, request, null, Map.of()));
    return new Device(response, key);
  }

  /**
   * A fleet token (maxUses 3) enrolls three devices (concurrently) and refuses a fourth; the list
   * shows its use count and never the token; a revoked token enrolls nobody; an auditor may list,
   * and maxUses out of range is refused.
   */
  public void fleetToken(Scope scope) throws Exception {
    String path = scope.groupPath() + "/enrollment-tokens";
    expect(400, http.admin("POST", path, Map.of("maxUses", 0)));
    expect(400, http.admin("POST", path, Map.of("maxUses", 100_001)));
    TokenView fleet =
        read(
            expect(201, http.admin("POST", path, Map.of("ttlHours", 2, "maxUses", 3))),
            TokenView.class);
    assertEquals(3, fleet.maxUses());
    assertTrue(fleet.id() != null && fleet.id().matches("[0-9a-f]{32}"), fleet.id());
    java.util.concurrent.atomic.AtomicInteger host =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Integer> statuses =
        inParallel(
            4,
            () ->
                http.agent(
                        "POST",
                        AgentApi.ENROLL,
                        new EnrollRequest(
                            fleet.token(),
                            Ed25519KeyPair.generate().publicKey().toBase64(),
                            "fleet-" + host.incrementAndGet(),
                            "it-user",
                            "it-agent"),
                        null,
                        Map.of())
                    .statusCode());
    assertEquals(3, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
    assertEquals(1, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
    String listed =
        new String(expect(200, http.admin("GET", path, null)).body(), StandardCharsets.UTF_8);
    assertTrue(listed.contains("\"uses\":3") && listed.contains(fleet.id()), listed);
    assertTrue(!listed.contains(fleet.token()), "the list never shows the token");

    TokenView second =
        read(expect(201, http.admin("POST", path, Map.of("maxUses", 10))), TokenView.class);
    expect(200, http.admin("DELETE", path + "/" + second.id(), null));
    expect(404, http.admin("DELETE", path + "/" + "0".repeat(32), null));
    expect(
        401,
        http.agent(
            "POST",
            AgentApi.ENROLL,
            new EnrollRequest(
                second.token(),
                Ed25519KeyPair.generate().publicKey().toBase64(),
                "after-revoke",
                "it-user",
                "it-agent"),
            null,
            Map.of()));
  }

  /** The device's root, verified from the chain it received at enrollment. */
  public static TrustedRoot pinnedRoot(Device device) throws Exception {
    return RootVerifier.trust(device.enrollment().rootChain(), device.enrollment().tenant(), null);
  }

  /** Downloads the bundle, verifies it with the pinned trust root, returns it and its ETag. */
  public Map.Entry<VerifiedBundle, String> fetchAndVerifyBundle(Device device, long expectedVersion)
      throws Exception {
    return fetchAndVerifyBundle(device, pinnedRoot(device), expectedVersion);
  }

  /** Downloads the bundle and verifies it against {@code root}; returns it and its ETag. */
  public Map.Entry<VerifiedBundle, String> fetchAndVerifyBundle(
      Device device, TrustedRoot root, long expectedVersion) throws Exception {
    HttpResponse<byte[]> response =
        expect(200, http.agent("GET", AgentApi.BUNDLE, null, device.credential(), Map.of()));
    String etag = response.headers().firstValue("ETag").orElseThrow();
    PolicyScope scope =
        new PolicyScope(device.enrollment().tenant(), device.enrollment().group(), device.id());
    VerifiedBundle bundle =
        BundleVerifier.create(scope, Clock.systemUTC())
            .verifyUpdate(response.body(), root, 0, null);
    assertEquals(expectedVersion, bundle.version());
    assertEquals(
        "IT policy v" + expectedVersion,
        bundle.policy().name(),
        "the draft saved last is the one signed");
    assertTrue(etag.matches("\"" + expectedVersion + "-[0-9a-f]{16}\""), etag);
    return Map.entry(bundle, etag);
  }

  /** A matching If-None-Match gets 304 and no body. */
  public void bundleNotModified(Device device, String etag) {
    HttpResponse<byte[]> response =
        expect(
            304,
            http.agent(
                "GET", AgentApi.BUNDLE, null, device.credential(), Map.of("If-None-Match", etag)));
    assertEquals(0, response.body().length);
  }

  /** A batch of {@code count} fresh events from {@code device}. */
  public static AuditBatch auditBatch(String deviceId, int count) {
    List<AuditEvent> events =
        java.util.stream.IntStream.range(0, count)
            .mapToObj(
                i ->
                    new AuditEvent(
                        AuditEvent.newId(),
                        AuditEvent.newId(),
                        Instant.now().minusSeconds(count - i),
                        deviceId,
                        "it-user",
                        i % 2 == 0 ? AuditLayer.RULE : AuditLayer.POLICY,
                        ResponseMode.BLOCK,
                        "secret found",
                        "api.openai.com",
                        "openai",
                        2,
                        List.of("aws-access-key"),
                        1,
                        null,
                        120))
            .toList();
    return new AuditBatch(events);
  }

  /** Uploads the batch and asserts the result. */
  public AuditBatchResult uploadAudit(
      Device device, AuditBatch batch, int accepted, int duplicates) {
    AuditBatchResult result =
        read(
            expect(
                200,
                http.agent("POST", AgentApi.AUDIT_EVENTS, batch, device.credential(), Map.of())),
            AuditBatchResult.class);
    assertEquals(new AuditBatchResult(accepted, duplicates), result);
    return result;
  }

  /**
   * Uploads a batch as the agent does with tracing on (a W3C {@code traceparent} of its upload
   * span) while the server exports to a real OTLP receiver on {@code tether.it.otlpPort}; asserts
   * the server's ingest span continues the agent's trace, its store span is a child, and no span
   * carries event content.
   */
  public void tracedAuditUpload(Device device) throws Exception {
    String traceId = java.util.HexFormat.of().formatHex(randomBytes(16));
    String spanId = java.util.HexFormat.of().formatHex(randomBytes(8));
    AuditBatch batch = auditBatch(device.id(), 2);
    try (dev.tether.server.audit.otlp.OtlpReceiver receiver =
        new dev.tether.server.audit.otlp.OtlpReceiver(Integer.getInteger("tether.it.otlpPort"))) {
      AuditBatchResult result =
          read(
              expect(
                  200,
                  http.agent(
                      "POST",
                      AgentApi.AUDIT_EVENTS,
                      batch,
                      device.credential(),
                      Map.of("traceparent", "00-" + traceId + "-" + spanId + "-01"))),
              AuditBatchResult.class);
      assertEquals(new AuditBatchResult(2, 0), result);
      dev.tether.server.audit.otlp.OtlpReceiver.Received ingest =
          receiver.await(
              r -> r.name().equals("tether.audit.ingest") && r.traceId().equals(traceId),
              java.time.Duration.ofSeconds(60));
      assertEquals(spanId, ingest.parentSpanId());
      assertEquals("2", ingest.attribute("tether.audit.accepted"));
      assertEquals(device.id(), ingest.attribute("tether.device.id"));
      dev.tether.server.audit.otlp.OtlpReceiver.Received store =
          receiver.await(
              r -> r.name().equals("tether.audit.store") && r.traceId().equals(traceId),
              java.time.Duration.ofSeconds(60));
      assertEquals(ingest.spanId(), store.parentSpanId());
      for (dev.tether.server.audit.otlp.OtlpReceiver.Received span : receiver.spans()) {
        for (String text : span.allText()) {
          assertTrue(!text.contains("secret found"), "event reason on span " + span.name());
        }
      }
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new java.security.SecureRandom().nextBytes(bytes);
    return bytes;
  }

  /** Sends a heartbeat and asserts the newest version the server reports. */
  public void heartbeat(Device device, long enforcing, long expectedLatest) {
    heartbeat(device, new Heartbeat("ENFORCING", enforcing, "it-agent", 0), expectedLatest);
  }

  /** Sends {@code heartbeat} and asserts the newest version the server reports. */
  public void heartbeat(Device device, Heartbeat heartbeat, long expectedLatest) {
    HeartbeatResponse response =
        read(
            expect(
                200,
                http.agent("POST", AgentApi.HEARTBEAT, heartbeat, device.credential(), Map.of())),
            HeartbeatResponse.class);
    assertEquals(expectedLatest, response.latestPolicyVersion());
  }

  /**
   * Request-mode approvals: a device files (idempotently), another device of another tenant cannot
   * see it, the approver denies with a reason or approves with a validity, and the device learns
   * the outcome; a decided request cannot be decided again.
   */
  public void approvals(Scope scope, Device device, Scope otherTenant, Device stranger) {
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    String digest = "sha256:" + "ab".repeat(32);
    for (String id : List.of(first, first, second)) {
      ApprovalStatus filed =
          read(
              expect(
                  200,
                  http.agent(
                      "POST",
                      AgentApi.APPROVALS,
                      new ApprovalFiling(id, digest, "alice", "api.openai.com", "source code", 1),
                      device.credential(),
                      Map.of())),
              ApprovalStatus.class);
      assertEquals("PENDING", filed.state());
    }
    dev.tether.server.policy.approval.ApprovalView[] pending =
        read(
            expect(
                200,
                http.admin("GET", ADMIN + "/" + scope.tenant() + "/approvals?state=PENDING", null)),
            dev.tether.server.policy.approval.ApprovalView[].class);
    assertEquals(2, pending.length, "filed twice under one id counts once");
    assertEquals(second, pending[0].requestId());
    String path = ADMIN + "/" + scope.tenant() + "/approvals/";
    problem(400, "reason", http.admin("POST", path + pending[1].id() + "/approve", Map.of()));
    problem(
        400,
        "validFor",
        http.admin(
            "POST",
            path + pending[1].id() + "/approve",
            Map.of("reason", "ok", "validFor", "P90D")));
    dev.tether.server.policy.approval.ApprovalView approved =
        read(
            expect(
                200,
                http.admin(
                    "POST",
                    path + pending[1].id() + "/approve",
                    Map.of("reason", "demo data only", "validFor", "PT2H"))),
            dev.tether.server.policy.approval.ApprovalView.class);
    assertEquals("APPROVED", approved.state());
    assertTrue(approved.validUntil().isAfter(Instant.now().plusSeconds(7000)));
    problem(
        409,
        "already APPROVED",
        http.admin("POST", path + pending[1].id() + "/deny", Map.of("reason", "changed my mind")));
    expect(
        200,
        http.admin("POST", path + pending[0].id() + "/deny", Map.of("reason", "customer data")));
    problem(
        404,
        "not found",
        http.admin(
            "POST",
            ADMIN + "/" + otherTenant.tenant() + "/approvals/" + pending[0].id() + "/deny",
            Map.of("reason", "x")));

    ApprovalList mine =
        read(
            expect(200, http.agent("GET", AgentApi.APPROVALS, null, device.credential(), Map.of())),
            ApprovalList.class);
    Map<String, ApprovalStatus> byId = new java.util.HashMap<>();
    mine.approvals().forEach(a -> byId.put(a.requestId(), a));
    assertEquals("APPROVED", byId.get(first).state());
    assertEquals("demo data only", byId.get(first).note());
    assertEquals("DENIED", byId.get(second).state());
    ApprovalList theirs =
        read(
            expect(
                200, http.agent("GET", AgentApi.APPROVALS, null, stranger.credential(), Map.of())),
            ApprovalList.class);
    assertEquals(List.of(), theirs.approvals(), "another device sees none of them");
  }

  /** Asserts the status, and for errors that the body is a problem naming {@code detailPart}. */
  public static ProblemView problem(int status, String detailPart, HttpResponse<byte[]> response) {
    expect(status, response);
    assertEquals(
        "application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    ProblemView problem = read(response, ProblemView.class);
    assertEquals(status, problem.status());
    assertTrue(problem.detail().contains(detailPart), problem.detail());
    return problem;
  }

  /** Asserts the status (showing the body on failure) and returns the response. */
  public static HttpResponse<byte[]> expect(int status, HttpResponse<byte[]> response) {
    assertEquals(
        status,
        response.statusCode(),
        () ->
            response.request().method()
                + " "
                + response.uri()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
    return response;
  }

  public static <T> T read(HttpResponse<byte[]> response, Class<T> type) {
    return JsonCodec.read(response.body(), type);
  }

  public TetherHttp http() {
    return http;
  }
}
