package dev.tether.server.web;

import static dev.tether.server.web.it.ServerFlows.expect;
import static dev.tether.server.web.it.ServerFlows.problem;
import static dev.tether.server.web.it.ServerFlows.read;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.api.AgentApi;
import dev.tether.core.api.AuditBatch;
import dev.tether.core.api.HeartbeatResponse;
import dev.tether.core.api.JudgeResponse;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.bundle.BundleVerificationException.Reason;
import dev.tether.core.bundle.TrustedRoot;
import dev.tether.core.bundle.VerifiedBundle;
import dev.tether.server.policy.KeyRing;
import dev.tether.server.policy.PolicyDiff;
import dev.tether.server.policy.RootChange;
import dev.tether.server.policy.VersionDetail;
import dev.tether.server.web.it.ReportFlows;
import dev.tether.server.web.it.ServerFlows;
import dev.tether.server.web.it.ServerFlows.Device;
import dev.tether.server.web.it.ServerFlows.Scope;
import dev.tether.server.web.it.ServerFlows.VersionView;
import dev.tether.server.web.it.TetherHttp;
import dev.tether.server.web.it.TrustFlows;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real {@code target/tether.war} on Payara Micro, exercised over HTTP end to end. */
@Tag("payara")
@ExtendWith(ArquillianExtension.class)
class MicroServerIT {
  /** Records returned by the admin audit query. */
  record AuditPageView(long total, List<AuditEvent> events, String nextCursor) {}

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/tether.war"));
  }

  @ArquillianResource URL base;

  @Test
  @RunAsClient
  void server_fullFlowOverHttp_behavesAsSpecified() throws Exception {
    TetherHttp http =
        TetherHttp.create(base.toURI(), Path.of(System.getProperty("tether.it.dataDir")));
    ServerFlows flows = new ServerFlows(http);

    problem(
        401,
        "admin bearer token",
        http.send("POST", ServerFlows.ADMIN, Map.of("id", "x", "name", "x"), Map.of()));
    problem(
        401,
        "admin bearer token",
        http.send(
            "GET",
            ServerFlows.ADMIN + "/x/devices",
            null,
            Map.of("Authorization", "Bearer wrong")));

    Scope scope = flows.createTenantAndGroup();
    problem(
        409,
        scope.tenant(),
        http.admin("POST", ServerFlows.ADMIN, Map.of("id", scope.tenant(), "name", "again")));
    problem(
        400,
        "tenant.id",
        http.admin("POST", ServerFlows.ADMIN, Map.of("id", "Not Valid", "name", "x")));
    problem(409, "policy.draft", http.admin("POST", scope.groupPath() + "/policy/publish", null));
    problem(
        400,
        "policy.bundleLifetime",
        http.admin(
            "PUT",
            scope.groupPath() + "/policy/draft",
            Map.of("name", "Bad", "bundleLifetime", "3 days")));

    flows.publish(scope, 1);
    VersionView second = flows.publish(scope, 2);
    List<VersionView> versions =
        List.of(
            read(
                expect(200, http.admin("GET", scope.groupPath() + "/policy/versions", null)),
                VersionView[].class));
    assertEquals(List.of(2L, 1L), versions.stream().map(VersionView::version).toList());
    assertEquals(second, versions.get(0));

    Device device = flows.enroll(scope);
    flows.fleetToken(scope);
    problem(401, "credential", http.agent("GET", AgentApi.BUNDLE, null, null, Map.of()));
    problem(
        404,
        "nothing published",
        http.agent(
            "GET",
            AgentApi.BUNDLE,
            null,
            flows.enroll(flows.createTenantAndGroup()).credential(),
            Map.of()));
    problem(
        401, "credential", http.agent("GET", AgentApi.BUNDLE, null, "not-a-credential", Map.of()));
    Map.Entry<?, String> bundle = flows.fetchAndVerifyBundle(device, 2);
    flows.bundleNotModified(device, bundle.getValue());
    flows.concurrentPublishes(scope, 4, 3);
    flows.fetchAndVerifyBundle(device, 6);
    flows.bundleNotModified(device, flows.fetchAndVerifyBundle(device, 6).getValue());

    AuditBatch batch = ServerFlows.auditBatch(device.id(), 3);
    flows.uploadAudit(device, batch, 3, 0);
    flows.uploadAudit(device, batch, 0, 3);
    flows.auditLogExportVerifiesOffline(scope, batch);
    problem(
        403,
        "deviceId",
        http.agent(
            "POST",
            AgentApi.AUDIT_EVENTS,
            ServerFlows.auditBatch("someone-else", 1),
            device.credential(),
            Map.of()));

    AuditPageView all =
        read(
            expect(
                200,
                http.admin(
                    "GET", ServerFlows.ADMIN + "/" + scope.tenant() + "/audit-events", null)),
            AuditPageView.class);
    assertEquals(3, all.total());
    assertEquals(
        batch.events().get(2), all.events().get(0), "newest first, stored exactly as sent");
    AuditPageView rules =
        read(
            expect(
                200,
                http.admin(
                    "GET",
                    ServerFlows.ADMIN + "/" + scope.tenant() + "/audit-events?layer=rule&limit=1",
                    null)),
            AuditPageView.class);
    assertEquals(2, rules.total());
    assertEquals(1, rules.events().size());
    assertEquals(AuditLayer.RULE, rules.events().get(0).layer());
    String byDevice =
        ServerFlows.ADMIN
            + "/"
            + scope.tenant()
            + "/audit-events?deviceId="
            + device.id()
            + "&from=2000-01-01T00:00:00Z&limit=2";
    AuditPageView firstTwo =
        read(expect(200, http.admin("GET", byDevice, null)), AuditPageView.class);
    assertEquals(3, firstTwo.total());
    assertEquals(
        List.of(batch.events().get(2), batch.events().get(1)), firstTwo.events(), "newest first");
    AuditPageView rest =
        read(
            expect(200, http.admin("GET", byDevice + "&cursor=" + firstTwo.nextCursor(), null)),
            AuditPageView.class);
    assertEquals(List.of(batch.events().get(0)), rest.events(), "the cursor continues the page");
    assertEquals(null, rest.nextCursor(), "last page");
    problem(
        400,
        "devceId",
        http.admin(
            "GET", ServerFlows.ADMIN + "/" + scope.tenant() + "/audit-events?devceId=x", null));
    problem(
        400,
        "limit",
        http.admin(
            "GET", ServerFlows.ADMIN + "/" + scope.tenant() + "/audit-events?limit=5000", null));

    flows.concurrentDuplicateUploads(device, ServerFlows.auditBatch(device.id(), 20), 4);
    // the relocated OpenTelemetry SDK works inside Payara Micro next to Payara's own
    flows.tracedAuditUpload(device);

    flows.heartbeat(device, 6, 6);
    Scope otherTenant = flows.createTenantAndGroup();
    flows.approvals(scope, device, otherTenant, flows.enroll(otherTenant));
    String devices =
        new String(
            expect(
                    200,
                    http.admin("GET", ServerFlows.ADMIN + "/" + scope.tenant() + "/devices", null))
                .body());
    assertTrue(devices.contains("\"deviceId\":\"" + device.id() + "\""), devices);
    assertTrue(devices.contains("\"state\":\"ENFORCING\""), devices);
    assertTrue(devices.contains("\"policyVersion\":6"), devices);

    // The agent's state machine is visible per device: GRACE with the time it falls back.
    Instant graceEnds = Instant.parse("2030-01-02T03:04:05Z");
    flows.heartbeat(
        device, new dev.tether.core.api.Heartbeat("GRACE", 6, "it-agent", 0, graceEnds), 6);
    String inGrace =
        new String(
            expect(
                    200,
                    http.admin("GET", ServerFlows.ADMIN + "/" + scope.tenant() + "/devices", null))
                .body());
    assertTrue(inGrace.contains("\"state\":\"GRACE\""), inGrace);
    assertTrue(inGrace.contains("\"graceEndsAt\":\"2030-01-02T03:04:05Z\""), inGrace);

    long records =
        read(
                expect(
                    200,
                    http.admin(
                        "GET",
                        ServerFlows.ADMIN + "/" + scope.tenant() + "/audit-events?limit=1",
                        null)),
                AuditPageView.class)
            .total();
    new ReportFlows(http)
        .reportsAndEvidence(scope.tenant(), records, Files.createTempDirectory("tether-it-"));
  }

  /**
   * Key management end to end: signing-key rotation and revocation and root rotation reach an
   * enrolled device without re-enrollment, offline root keys block root changes, rollback
   * republishes older content under a higher version, history and diff.
   */
  @Test
  @RunAsClient
  void releases_publishFetchWithEtagAndVerify_likeADevice() throws Exception {
    Path dataDir = Path.of(System.getProperty("tether.it.dataDir"));
    TetherHttp http = TetherHttp.create(base.toURI(), dataDir);
    new dev.tether.server.web.it.ReleaseFlows(new ServerFlows(http), dataDir).publishFetchVerify();
  }

  @Test
  @RunAsClient
  void trust_rotateRevokeRootRotationRollback_deviceFollowsWithoutReenrolling() throws Exception {
    Path dataDir = Path.of(System.getProperty("tether.it.dataDir"));
    TetherHttp http = TetherHttp.create(base.toURI(), dataDir);
    ServerFlows flows = new ServerFlows(http);
    TrustFlows trust = new TrustFlows(http);
    Scope scope = flows.createTenantAndGroup();
    flows.publish(scope, 1);
    Device device = flows.enroll(scope);

    TrustedRoot root = ServerFlows.pinnedRoot(device);
    KeyRing ring = trust.keys(scope);
    assertEquals(1, root.version());
    assertEquals(root.fingerprint(), ring.rootFingerprint());
    assertEquals(2, ring.rootThreshold());
    assertEquals(3, ring.rootKeys().size());
    assertTrue(ring.rootKeys().stream().allMatch(KeyRing.RootKeyView::present));
    String key1 = ring.signingKeys().get(0).keyId();
    assertTrue(ring.signingKeys().get(0).current());
    Path rootDir = dataDir.resolve("keys").resolve(scope.tenant()).resolve("root");
    List<Path> rootFiles;
    try (var files = Files.list(rootDir)) {
      rootFiles = files.sorted().toList();
    }
    assertEquals(3, rootFiles.size());
    for (Path file : rootFiles) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    HeartbeatResponse beat = trust.heartbeatWithSignedTime(device, root);
    assertEquals(1, beat.latestRootVersion());
    assertEquals(1, beat.latestPolicyVersion());
    byte[] v1 = trust.download(device);

    // Signing-key rotation: the device learns the new key from root version 2.
    RootChange rotated = trust.keyOperation(scope, "signing/rotate", Map.of("note", "quarterly"));
    assertEquals(2, rotated.version());
    assertTrue(!rotated.signingKeyId().equals(key1), "a new key signs");
    flows.publish(scope, 2);
    TrustFlows.assertRefused(Reason.UNKNOWN_KEY, device, root, trust.download(device));
    root = trust.updateRoot(device, root);
    assertEquals(2, root.version());
    VerifiedBundle v2 = trust.fetch(device, root, 1);
    assertEquals(rotated.signingKeyId(), v2.signingKeyId());

    // Revocation: the old key is refused, the group is re-signed as version 3 (content of 2).
    RootChange revoked =
        trust.keyOperation(scope, "signing/" + key1 + "/revoke", Map.of("note", "laptop stolen"));
    assertEquals(3, revoked.version());
    root = trust.updateRoot(device, root);
    TrustFlows.assertRefused(Reason.REVOKED_KEY, device, root, v1);
    VerifiedBundle resigned = trust.fetch(device, root, 2);
    assertEquals(3, resigned.version());
    assertEquals("IT policy v2", resigned.policy().name());
    VersionView resignEntry =
        read(
            expect(200, http.admin("GET", scope.groupPath() + "/policy/versions", null)),
            VersionView[].class)[0];
    assertEquals("RESIGN", resignEntry.kind());
    assertEquals(2L, resignEntry.sourceVersion());
    assertEquals(List.of(key1), trust.keys(scope).revokedKeyIds());

    // Root keys taken offline: a root change needs a threshold of them, so it is refused.
    Path offline = Files.createTempDirectory("offline-root-keys");
    for (Path file : rootFiles.subList(0, 2)) {
      Files.move(file, offline.resolve(file.getFileName()));
    }
    problem(
        409,
        "root keys",
        http.admin(
            "POST", ServerFlows.ADMIN + "/" + scope.tenant() + "/keys/signing/rotate", null));
    for (Path file : rootFiles.subList(0, 2)) {
      Files.move(offline.resolve(file.getFileName()), file, StandardCopyOption.ATOMIC_MOVE);
    }

    // Root rotation: signed by the old and the new keys; the device walks to it; old keys gone.
    RootChange newRoot =
        trust.keyOperation(scope, "root/rotate", Map.of("keys", 2, "threshold", 2));
    assertEquals(4, newRoot.version());
    root = trust.updateRoot(device, root);
    assertEquals(newRoot.fingerprint(), root.fingerprint());
    assertTrue(!newRoot.fingerprint().equals(ring.rootFingerprint()));
    try (var files = Files.list(rootDir)) {
      assertEquals(2, files.count(), "retired root key files are destroyed");
    }
    assertEquals(3, trust.fetch(device, root, 2).version());
    assertEquals(4, ServerFlows.pinnedRoot(flows.enroll(scope)).version());

    // Rollback: version 2's content comes back as version 5; history and diff.
    flows.publish(scope, 4);
    VersionView rollback =
        read(
            expect(
                201,
                http.admin(
                    "POST",
                    scope.groupPath() + "/policy/rollback",
                    Map.of("toVersion", 2, "note", "v4 broke the build"))),
            VersionView.class);
    assertEquals(5, rollback.version());
    assertEquals("ROLLBACK", rollback.kind());
    assertEquals(2L, rollback.sourceVersion());
    assertEquals("v4 broke the build", rollback.note());
    assertEquals("admin-token", rollback.publishedBy());
    VersionDetail two =
        read(
            expect(200, http.admin("GET", scope.groupPath() + "/policy/versions/2", null)),
            VersionDetail.class);
    assertEquals(two.version().contentDigest(), rollback.contentDigest());
    VerifiedBundle rolledBack = trust.fetch(device, root, 3);
    assertEquals(5, rolledBack.version());
    assertEquals("IT policy v2", rolledBack.policy().name());
    PolicyDiff diff =
        read(
            expect(200, http.admin("GET", scope.groupPath() + "/policy/diff?from=2&to=4", null)),
            PolicyDiff.class);
    assertEquals(
        List.of(
            new PolicyDiff.Change(
                "/name", PolicyDiff.Op.CHANGED, "\"IT policy v2\"", "\"IT policy v4\"")),
        diff.changes());
    problem(
        404,
        "version: 99",
        http.admin("POST", scope.groupPath() + "/policy/rollback", Map.of("toVersion", 99)));
    problem(400, "from and to", http.admin("GET", scope.groupPath() + "/policy/diff?from=1", null));
  }

  /**
   * Cloud judge end to end: device bearer auth, the size bound (413 before parsing), the tenant's
   * threshold (409) and off switch (403), admin settings with validation, and a real answer from
   * the fp32 model once it has loaded (503 with Retry-After until then).
   */
  @Test
  @RunAsClient
  void judge_cloudJudgeOverHttp_authBoundsTenantSettingsAndRealAnswer() throws Exception {
    TetherHttp http =
        TetherHttp.create(base.toURI(), Path.of(System.getProperty("tether.it.dataDir")));
    ServerFlows flows = new ServerFlows(http);
    Scope scope = flows.createTenantAndGroup();
    Device device = flows.enroll(scope);
    String judgePath = ServerFlows.ADMIN + "/" + scope.tenant() + "/judge";
    String defaults = new String(expect(200, http.admin("GET", judgePath, null)).body(), UTF_8);
    assertTrue(
        defaults.contains("\"enabled\":true")
            && defaults.contains(
                "\"threshold\":"
                    + dev.tether.core.policy.JudgeSettings.DEFAULT_ESCALATION_THRESHOLD),
        defaults);

    Map<String, Object> request = new java.util.LinkedHashMap<>();
    request.put("decisionId", java.util.UUID.randomUUID().toString());
    request.put(
        "redactedText",
        "why does boto3 say InvalidClientTokenId?\naws_access_key_id=[AWS_ACCESS_KEY_1]\n"
            + "aws_secret_access_key=[AWS_SECRET_KEY_1]");
    request.put("destinationHost", "api.openai.com");
    request.put("provider", "openai");
    request.put("app", "code");
    request.put("findingCounts", Map.of("aws-access-key", 1, "aws-secret-key", 1));
    request.put("payloadChars", 140);
    request.put("localLabel", "generic-code-assistance");
    request.put("localConfidence", 0.41);
    request.put("localModel", "tether-intent-minilm-l6-q@1");

    problem(401, "credential", http.agent("POST", AgentApi.JUDGE, request, null, Map.of()));
    Map<String, Object> huge = new java.util.LinkedHashMap<>(request);
    huge.put("redactedText", "x".repeat(300 * 1024));
    problem(413, "limit", http.agent("POST", AgentApi.JUDGE, huge, device.credential(), Map.of()));
    Map<String, Object> sure = new java.util.LinkedHashMap<>(request);
    sure.put("localConfidence", 0.95);
    problem(
        409, "threshold", http.agent("POST", AgentApi.JUDGE, sure, device.credential(), Map.of()));

    HttpResponse<byte[]> answer = null;
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      answer = http.agent("POST", AgentApi.JUDGE, request, device.credential(), Map.of());
      if (answer.statusCode() != 503) {
        break;
      }
      assertTrue(answer.headers().firstValue("Retry-After").isPresent());
      Thread.sleep(1000);
    }
    JudgeResponse judged = read(expect(200, answer), JudgeResponse.class);
    assertEquals("code-review-with-secret-exposure", judged.label());
    assertEquals(7, judged.scores().size());
    assertTrue(judged.model().startsWith("tether-cloud-intent-bge-minilm@"), judged.model());

    problem(
        400,
        "judge.threshold",
        http.admin(
            "PUT",
            judgePath,
            Map.of("enabled", true, "threshold", 1.5, "timeout", "PT1S"),
            Map.of("If-Match", "*")));
    expect(
        200,
        http.admin(
            "PUT",
            judgePath,
            Map.of("enabled", false, "threshold", 0.7, "timeout", "PT2S"),
            Map.of("If-Match", "*")));
    problem(403, "off", http.agent("POST", AgentApi.JUDGE, request, device.credential(), Map.of()));
  }

  @Test
  @RunAsClient
  void simulate_overHttp_rulesJudgeAppOverridesBoundsAndNoEcho() throws Exception {
    TetherHttp http =
        TetherHttp.create(base.toURI(), Path.of(System.getProperty("tether.it.dataDir")));
    ServerFlows flows = new ServerFlows(http);
    Scope scope = flows.createTenantAndGroup();
    String simulate = scope.groupPath() + "/policy/simulate";
    String key = "AKIAQ3EGT5ZRWJ7LUN4F";
    String withKey =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"why does this fail? aws_access_key_id = "
            + key
            + "\"}]}";
    Map<String, Object> request = new java.util.LinkedHashMap<>();
    request.put("payload", withKey);
    request.put("destination", "api.openai.com");

    problem(409, "no draft or published policy", http.admin("POST", simulate, request));
    problem(
        404,
        "",
        http.admin(
            "POST",
            ServerFlows.ADMIN + "/" + scope.tenant() + "/groups/nope/policy/simulate",
            request));

    dev.tether.core.policy.PolicyDocument draft =
        new dev.tether.core.policy.PolicyDocument(
                "Simulated",
                List.of(
                    new dev.tether.core.policy.AiDestination(
                        "api.openai.com", dev.tether.core.policy.Provider.OPENAI)),
                List.of(),
                Map.of("cloud-credentials", dev.tether.core.policy.ResponseMode.BLOCK),
                dev.tether.core.policy.ResponseMode.ALLOW,
                "P1D")
            .withResponses(
                new dev.tether.core.policy.ResponseSettings(
                    List.of(
                        new dev.tether.core.policy.ModeOverride(
                            null, "curl", null, null, dev.tether.core.policy.ResponseMode.BLOCK)),
                    null,
                    null,
                    null,
                    null));
    expect(200, http.admin("PUT", scope.groupPath() + "/policy/draft", draft));

    String blocked = new String(expect(200, http.admin("POST", simulate, request)).body(), UTF_8);
    assertTrue(blocked.contains("\"code\":\"credential_detected\""), blocked);
    assertTrue(blocked.contains("\"source\":\"draft\""), blocked);
    assertTrue(blocked.contains("[AWS_ACCESS_KEY_1]"), blocked);
    assertTrue(blocked.contains("Blocked by Tether"), blocked);
    assertTrue(!blocked.contains(key) && !blocked.contains(key.substring(4)), "key echoed");

    Map<String, Object> fromCurl = new java.util.LinkedHashMap<>();
    fromCurl.put(
        "payload",
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"how do I reverse a list in python?\"}]}");
    fromCurl.put("destination", "api.openai.com");
    fromCurl.put("app", "/usr/bin/curl");
    String shadow = new String(expect(200, http.admin("POST", simulate, fromCurl)).body(), UTF_8);
    assertTrue(shadow.contains("policy override for app curl"), shadow);
    assertTrue(shadow.contains("\"forwarded\":false"), shadow);

    Map<String, Object> huge = new java.util.LinkedHashMap<>(request);
    huge.put("payload", "x".repeat(300 * 1024));
    HttpResponse<byte[]> tooLarge = http.admin("POST", simulate, huge);
    problem(413, "simulate.payload", tooLarge);
    assertTrue(
        tooLarge.headers().firstValue("Content-Type").orElse("").contains("problem+json"),
        tooLarge.headers().toString());
  }
}
