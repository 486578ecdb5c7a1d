package dev.tether.server.web;

import static dev.tether.server.web.it.ServerFlows.expect;
import static dev.tether.server.web.it.ServerFlows.read;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.api.AgentApi;
import dev.tether.core.api.AuditBatch;
import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.log.Checkpoint;
import dev.tether.core.audit.log.ExportVerifier;
import dev.tether.core.audit.log.LogExport;
import dev.tether.core.audit.log.NoteVerifierKey;
import dev.tether.server.audit.PostgresCluster;
import dev.tether.server.web.it.IdentityFlows;
import dev.tether.server.web.it.ServerFlows;
import dev.tether.server.web.it.ServerFlows.Device;
import dev.tether.server.web.it.ServerFlows.Scope;
import dev.tether.server.web.it.TetherHttp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two server instances at once: two Payara Micro processes running the same {@code tether.war} on
 * one real PostgreSQL database (the default data source redefined by a post-boot command file, as
 * in production) and one shared data directory. Run-once work is led by one instance; audit uploads
 * to both land in one consistent log; the lockout is shared; a leader killed with SIGKILL is
 * replaced once its lease expires.
 */
@Tag("payara")
@Tag("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  /** Lease TTL for the test (production default 30 s): the takeover bound below follows it. */
  private static final Duration TTL = Duration.ofSeconds(10);

  private static final Pattern SIGNED = Pattern.compile("audit log checkpoint signed: size (\\d+)");

  private PostgresCluster pg;
  private MicroInstance alpha;
  private MicroInstance beta;
  private TetherHttp httpAlpha;
  private TetherHttp httpBeta;
  private long started;

  @BeforeAll
  void startCluster() throws Exception {
    started = System.nanoTime();
    Path work = Path.of("target/cluster-it");
    if (Files.exists(work)) { // a previous run's Payara roots would keep its pool settings
      try (var old = Files.walk(work)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(work);
    Path data = work.resolve("shared-data");
    pg = PostgresCluster.start(false);
    Path postBoot = work.resolve("post-boot.asadmin");
    Files.writeString(
        postBoot,
        "create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource"
            + " --restype=javax.sql.DataSource --property=serverName=127.0.0.1:portNumber="
            + pg.port
            + ":databaseName=tether:user="
            + PostgresCluster.SUPERUSER
            + ":password=unused TetherPostgres\n"
            + "set resources.jdbc-resource.jdbc/__default.pool-name=TetherPostgres\n");
    Path driver =
        Path.of(
            org.postgresql.Driver.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    List<String> props =
        List.of(
            "tether.lease.ttl=" + TTL,
            "tether.audit.checkpoint-interval=PT5S",
            "tether.policy.refresh-interval=PT5S");
    // both at once: first start races on schema creation, triggers, key files and pins
    alpha = MicroInstance.start("alpha", work, data, postBoot, driver, props);
    beta = MicroInstance.start("beta", work, data, postBoot, driver, props);
    alpha.awaitReady(Duration.ofMinutes(10));
    beta.awaitReady(Duration.ofMinutes(10));
    System.out.printf(
        "ClusterIT: both instances ready after %d s%n",
        (System.nanoTime() - started) / 1_000_000_000);
    httpAlpha = TetherHttp.create(alpha.base(), data);
    httpBeta = TetherHttp.create(beta.base(), data);
  }

  @AfterAll
  void stopCluster() throws Exception {
    try {
      for (MicroInstance i : new MicroInstance[] {alpha, beta}) {
        if (i != null) {
          i.close();
        }
      }
    } finally {
      if (pg != null) {
        pg.close();
      }
      System.out.printf("ClusterIT: total %d s%n", (System.nanoTime() - started) / 1_000_000_000);
    }
  }

  @Test
  @Order(1)
  void health_namesEachInstanceAndOneLeaderPerJob() throws Exception {
    String a = get(alpha.health("ready"));
    String b = get(beta.health("ready"));
    assertTrue(a.contains("\"instance\":\"alpha\""), a);
    assertTrue(b.contains("\"instance\":\"beta\""), b);
    assertTrue(a.contains("tether-keys") && !a.contains("DOWN"), a);
    // one shared admin token, one pinned checkpoint key
    String keyA =
        text(expect(200, httpAlpha.admin("GET", "api/v1/admin/audit-log/verifier-key", null)));
    String keyB =
        text(expect(200, httpBeta.admin("GET", "api/v1/admin/audit-log/verifier-key", null)));
    assertEquals(keyA, keyB);
    awaitLeases(Set.of("audit-checkpoint", "bundle-refresh"));
  }

  @Test
  @Order(2)
  void auditUploads_toBothInstances_landInOneConsistentLog() throws Exception {
    ServerFlows flowsA = new ServerFlows(httpAlpha);
    Scope scope = flowsA.createTenantAndGroup();
    flowsA.publish(scope, 1);
    Device device = flowsA.enroll(scope);
    List<AuditEvent> sent = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<AuditBatchResult>> uploads = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        AuditBatch batch = ServerFlows.auditBatch(device.id(), 15);
        sent.addAll(batch.events());
        TetherHttp target = i % 2 == 0 ? httpAlpha : httpBeta;
        uploads.add(
            pool.submit(
                () ->
                    read(
                        expect(
                            200,
                            target.agent(
                                "POST",
                                AgentApi.AUDIT_EVENTS,
                                batch,
                                device.credential(),
                                Map.of())),
                        AuditBatchResult.class)));
      }
      for (Future<AuditBatchResult> f : uploads) {
        assertEquals(new AuditBatchResult(15, 0), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    List<Long> indexes = longs("SELECT leafindex FROM tether_audit_record ORDER BY leafindex");
    for (int i = 0; i < indexes.size(); i++) {
      assertEquals(i, indexes.get(i), "leaf indexes are dense: one log, no gap, no duplicate");
    }
    assertEquals(sent.size(), indexes.size());

    // both instances serve the same tree: same checkpoint, and B's export verifies offline
    String key =
        text(expect(200, httpAlpha.admin("GET", "api/v1/admin/audit-log/verifier-key", null)));
    String noteA =
        text(expect(200, httpAlpha.admin("GET", "api/v1/admin/audit-log/checkpoint", null)));
    String noteB =
        text(expect(200, httpBeta.admin("GET", "api/v1/admin/audit-log/checkpoint", null)));
    assertEquals(noteA, noteB);
    LogExport export =
        read(
            expect(
                200,
                httpBeta.admin(
                    "GET",
                    "api/v1/admin/audit-log/tenants/" + scope.tenant() + "/export?limit=10000",
                    null)),
            LogExport.class);
    Checkpoint checkpoint = ExportVerifier.verify(export, NoteVerifierKey.parse(key), null);
    assertEquals(sent.size(), checkpoint.size());
    assertEquals(
        sent.stream().map(AuditEvent::eventId).collect(Collectors.toSet()),
        export.entries().stream().map(e -> e.event().eventId()).collect(Collectors.toSet()));

    // every checkpoint is signed once, by one instance
    awaitSignedCheckpoint(sent.size());
    Set<Long> byAlpha = signedSizes(alpha);
    Set<Long> byBeta = signedSizes(beta);
    Set<Long> both = new HashSet<>(byAlpha);
    both.retainAll(byBeta);
    assertEquals(Set.of(), both, "no tree size signed by both instances");
    Set<Long> all = new HashSet<>(byAlpha);
    all.addAll(byBeta);
    assertEquals(new HashSet<>(longs("SELECT treesize FROM tether_audit_checkpoint")), all);
  }

  @Test
  @Order(3)
  void lockout_failuresOnBothInstances_lockTheNameOnBoth() {
    IdentityFlows a = new IdentityFlows(httpAlpha);
    IdentityFlows b = new IdentityFlows(httpBeta);
    String name = IdentityFlows.unique("mallory");
    for (int i = 0; i < 3; i++) {
      assertEquals(401, a.loginResponse(name, "wrong-password-" + i).statusCode());
    }
    for (int i = 0; i < 2; i++) {
      assertEquals(401, b.loginResponse(name, "wrong-password-b" + i).statusCode());
    }
    // five failures in all (three on alpha, two on beta): locked everywhere
    assertEquals(423, a.loginResponse(name, "another-guess").statusCode());
    assertEquals(423, b.loginResponse(name, "another-guess").statusCode());
  }

  @Test
  @Order(4)
  void bundleRefresh_dueBundle_isReSignedOnceByTheLeader() throws Exception {
    ServerFlows flows = new ServerFlows(httpBeta);
    Scope scope = flows.createTenantAndGroup();
    flows.publish(scope, 1);
    // make version 1 past half its lifetime (P1D), as if issued a day ago
    update(
        "UPDATE tether_policy_version SET issuedatmillis = issuedatmillis - 86400000"
            + " WHERE tenant = '"
            + scope.tenant()
            + "'");
    String resigns =
        "SELECT version FROM tether_policy_version WHERE kind = 'RESIGN' AND tenant = '"
            + scope.tenant()
            + "'";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (longs(resigns).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    Thread.sleep(12_000); // two more ticks of each instance: a second refresh would show now
    assertEquals(List.of(2L), longs(resigns), "re-signed exactly once");
    String line = "re-signed the bundle of " + scope.tenant() + "/default";
    int inAlpha = count(alpha.logText(), line);
    int inBeta = count(beta.logText(), line);
    assertEquals(1, inAlpha + inBeta, "one instance re-signed it");
    String leader = holder("bundle-refresh");
    assertEquals(1, "alpha".equals(leader) ? inAlpha : inBeta, "the lease holder did");
  }

  @Test
  @Order(5)
  void leaderKilled_isReplacedAfterItsLeaseExpires() throws Exception {
    String leader = holder("audit-checkpoint");
    MicroInstance dead = "alpha".equals(leader) ? alpha : beta;
    MicroInstance survivor = dead == alpha ? beta : alpha;
    TetherHttp survivorHttp = survivor == alpha ? httpAlpha : httpBeta;
    long killedAt = System.nanoTime();
    dead.kill();
    String now;
    do {
      Thread.sleep(200);
      now = holderIfHeld("audit-checkpoint");
    } while (!survivor.id.equals(now)
        && System.nanoTime() - killedAt < Duration.ofSeconds(60).toNanos());
    long takeoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
    System.out.printf(
        "ClusterIT: lease audit-checkpoint taken over by %s %d ms after %s was killed (TTL %s)%n",
        survivor.id, takeoverMillis, dead.id, TTL);
    assertEquals(survivor.id, now);
    assertTrue(
        takeoverMillis <= TTL.plusSeconds(10).toMillis(),
        "taken over within TTL + one tick + slack, took " + takeoverMillis + " ms");
    assertNotEquals(leader, now);

    // the survivor still ingests, and its scheduled checkpoint (no admin call) covers the new
    // events
    ServerFlows flows = new ServerFlows(survivorHttp);
    Device device = flows.enroll(flows.createTenantAndGroup());
    flows.uploadAudit(device, ServerFlows.auditBatch(device.id(), 5), 5, 0);
    long size = longs("SELECT COUNT(*) FROM tether_audit_record").get(0);
    awaitSignedCheckpoint(size);
    assertTrue(signedSizes(survivor).contains(size), "the new leader signed it");
  }

  private void awaitLeases(Set<String> names) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Set<String> held;
    do {
      held = new HashSet<>();
      for (String n : names) {
        String h = holderIfHeld(n);
        if (h != null) {
          assertTrue(Set.of("alpha", "beta").contains(h), h);
          held.add(n);
        }
      }
    } while (!held.equals(names) && System.nanoTime() < deadline && sleep());
    assertEquals(names, held);
  }

  private void awaitSignedCheckpoint(long size) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (!longs("SELECT treesize FROM tether_audit_checkpoint").contains(size)
        && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertTrue(
        longs("SELECT treesize FROM tether_audit_checkpoint").contains(size), "size " + size);
  }

  private static Set<Long> signedSizes(MicroInstance instance) throws Exception {
    Set<Long> sizes = new HashSet<>();
    Matcher m = SIGNED.matcher(instance.logText());
    while (m.find()) {
      assertTrue(sizes.add(Long.parseLong(m.group(1))), "signed twice: " + m.group(1));
    }
    return sizes;
  }

  private String holder(String lease) throws SQLException {
    String h = holderIfHeld(lease);
    assertTrue(h != null, "lease " + lease + " is held");
    return h;
  }

  /** The lease's holder if its lease has not expired (database clock), else null. */
  private String holderIfHeld(String lease) throws SQLException {
    try (Connection c = pg.connect("tether", PostgresCluster.SUPERUSER, "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT holder FROM tether_server_lease WHERE lease_name = '"
                    + lease
                    + "' AND expires_at > CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private List<Long> longs(String sql) throws SQLException {
    try (Connection c = pg.connect("tether", PostgresCluster.SUPERUSER, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<Long> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getLong(1));
      }
      return values;
    }
  }

  private void update(String sql) throws SQLException {
    try (Connection c = pg.connect("tether", PostgresCluster.SUPERUSER, "");
        Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate(sql));
    }
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static boolean sleep() {
    try {
      Thread.sleep(500);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String get(java.net.URI uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), UTF_8).trim();
  }
}
