package dev.tether.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.log.Checkpoint;
import dev.tether.core.audit.log.ExportVerifier;
import dev.tether.core.audit.log.LogExport;
import dev.tether.core.audit.log.LogVerificationException;
import dev.tether.core.audit.log.NoteSigner;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.policy.ResponseMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The audit store on a real PostgreSQL: the schema is created by the owner role, the append-only
 * triggers and least-privilege grants are applied, and the server's role writes through JPA.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresAuditStoreTest {
  static final String ORIGIN = "tether.test/audit-log";
  static PostgresCluster cluster;
  static JpaStore owner;
  static JpaStore app;
  static final NoteSigner signer = new NoteSigner(ORIGIN, Ed25519KeyPair.generate());
  static final TamperEvidentLog log = new TamperEvidentLog(ORIGIN, signer, Clock.systemUTC());
  static final List<AuditEvent> stored = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    cluster = PostgresCluster.start(false);
    owner = cluster.store(PostgresCluster.SUPERUSER, ""); // creates the schema (as owner)
    owner.tx(r -> r.latestCheckpoint());
    try (Connection c = cluster.connect("tether", PostgresCluster.SUPERUSER, "");
        Statement s = c.createStatement()) {
      assertTrue(PostgresAppendOnly.apply(c));
      assertTrue(PostgresAppendOnly.apply(c), "idempotent");
      for (String sql : PostgresAppendOnly.grantStatements("tether_app")) {
        s.execute(sql);
      }
    }
    app = cluster.store("tether_app", "app-password");
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (owner != null) {
      owner.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void ingest_concurrentDevicesAsAppRole_denseLeavesAndExportVerifies() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<AuditEvent>>> futures = new ArrayList<>();
      for (int d = 0; d < 4; d++) {
        String device = "dev-" + d;
        futures.add(
            pool.submit(
                () -> {
                  List<AuditEvent> mine = new ArrayList<>();
                  for (int b = 0; b < 5; b++) {
                    List<AuditEvent> batch =
                        TamperEvidentLogTest.events(device, 7, ResponseMode.BLOCK);
                    app.ingest(new AuditSource("acme", "eng", device), batch);
                    mine.addAll(batch);
                  }
                  return mine;
                }));
      }
      for (Future<List<AuditEvent>> f : futures) {
        stored.addAll(f.get());
      }
    } finally {
      pool.shutdown();
    }
    LogExport export = app.tx(r -> log.export(r, "acme", 0, 1000));
    Checkpoint checkpoint = ExportVerifier.verify(export, signer.verifierKey(), ORIGIN);
    assertEquals(140, checkpoint.size());
    for (int i = 0; i < 140; i++) {
      assertEquals(i, export.entries().get(i).leafIndex());
    }
  }

  @Test
  @Order(2)
  void appendOnly_updateDeleteTruncate_refusedForAppRoleAndOwner() throws Exception {
    String victim = stored.get(3).eventId();
    for (String sql :
        List.of(
            "UPDATE tether_audit_record SET response_mode = 'ALLOW' WHERE eventid = '"
                + victim
                + "'",
            "DELETE FROM tether_audit_record WHERE eventid = '" + victim + "'",
            "TRUNCATE tether_audit_record",
            "DELETE FROM tether_audit_checkpoint")) {
      try (Connection c = cluster.connect("tether", "tether_app", "app-password");
          Statement s = c.createStatement()) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
      }
      try (Connection c = cluster.connect("tether", PostgresCluster.SUPERUSER, "");
          Statement s = c.createStatement()) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertTrue(e.getMessage().contains("append-only"), e.getMessage());
      }
    }
    try (Connection c = cluster.connect("tether", "tether_app", "app-password");
        Statement s = c.createStatement()) {
      assertThrows(
          SQLException.class,
          () -> s.execute("ALTER TABLE tether_audit_record DISABLE TRIGGER USER"),
          "only the owner may switch the guard off");
    }
    assertEquals(0, app.tx(r -> log.verifyStore(r)).mismatched().size());
  }

  @Test
  @Order(3)
  void faultDatabaseRowTampered_onPostgresBypassingTriggers_detected() throws Exception {
    String victim = stored.get(11).eventId();
    try (Connection c = cluster.connect("tether", PostgresCluster.SUPERUSER, "");
        Statement s = c.createStatement()) {
      // A superuser can still switch triggers off for the session; the log catches it.
      s.execute("SET session_replication_role = replica");
      assertEquals(
          1,
          s.executeUpdate(
              "UPDATE tether_audit_record SET response_mode = 'ALLOW' WHERE eventid = '"
                  + victim
                  + "'"));
    }
    LogExport export = app.tx(r -> log.export(r, "acme", 0, 1000));
    LogVerificationException e =
        assertThrows(
            LogVerificationException.class,
            () -> ExportVerifier.verify(export, signer.verifierKey(), ORIGIN));
    assertTrue(e.getMessage().contains(victim), e.getMessage());
    assertEquals(List.of(victim), app.tx(r -> log.verifyStore(r)).mismatched());
  }

  @Test
  @Order(4)
  void query_filtersAndPagingOnPostgres_matchOracle() {
    AuditQueryScenario scenario = new AuditQueryScenario("pgq");
    scenario.seed(app);
    scenario.filtersMatchOracle(app);
    scenario.pagingWalksEverythingOnce(app);
  }

  @Test
  @Order(6)
  void decisionReport_onPostgres_aggregatesEqualIngestedAndRecordsStreamOnce() throws Exception {
    java.time.Instant start = java.time.Instant.parse("2026-06-01T00:00:00Z");
    java.time.Instant from = start.plusSeconds(86_400);
    java.time.Instant to = start.plusSeconds(5 * 86_400);
    ReportFixture fixture = ReportFixture.ingest(app, "initech", 1_500, 4, start, 6, 21);
    long size = app.tx(r -> log.catchUp(r));
    dev.tether.server.audit.report.ReportScope scope =
        new dev.tether.server.audit.report.ReportScope("initech", from, to, size, null);
    dev.tether.server.audit.report.DecisionSummary summary =
        app.tx(
            r ->
                dev.tether.server.audit.report.DecisionSummaries.compute(
                    dev.tether.server.audit.report.ReportRepository.of(r.em),
                    scope,
                    java.time.Instant.now()));
    fixture.assertMatches(summary, from, to);
    java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
    long written =
        dev.tether.server.audit.report.DecisionReports.write(
            dev.tether.server.audit.report.ReportFormat.CSV,
            summary,
            (after, max, decisionsOnly) ->
                app.tx(
                    r ->
                        dev.tether.server.audit.report.ReportRepository.of(r.em)
                            .page(scope, after, max, decisionsOnly)),
            csv);
    assertEquals(fixture.within(from, to).size(), written);
    String[] lines = csv.toString(java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
    assertEquals(
        written,
        java.util.Arrays.stream(lines).skip(1).map(l -> l.split(",")[2]).distinct().count());
  }

  @Test
  @Order(5)
  void schema_everyQueryFilterHasItsIndex() throws Exception {
    java.util.Set<String> indexes = new java.util.HashSet<>();
    try (Connection c = cluster.connect("tether", PostgresCluster.SUPERUSER, "");
        Statement s = c.createStatement();
        java.sql.ResultSet rs =
            s.executeQuery(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'tether_audit_record'")) {
      while (rs.next()) {
        indexes.add(rs.getString(1).toUpperCase(java.util.Locale.ROOT));
      }
    }
    for (String name :
        List.of(
            "TETHER_AUDIT_GROUP_TIME",
            "TETHER_AUDIT_DEVICE_TIME",
            "TETHER_AUDIT_OSUSER_TIME",
            "TETHER_AUDIT_DEV_TIME",
            "TETHER_AUDIT_APP_TIME",
            "TETHER_AUDIT_DEST_TIME",
            "TETHER_AUDIT_PROVIDER_TIME",
            "TETHER_AUDIT_LAYER_TIME",
            "TETHER_AUDIT_MODE_TIME",
            "TETHER_AUDIT_DECISION",
            "TETHER_AUDIT_TRACE")) {
      assertTrue(indexes.contains(name), name + " in " + indexes);
    }
  }
}
