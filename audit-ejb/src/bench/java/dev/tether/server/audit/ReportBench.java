package dev.tether.server.audit;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import dev.tether.server.audit.report.DecisionReports;
import dev.tether.server.audit.report.DecisionSummaries;
import dev.tether.server.audit.report.DecisionSummary;
import dev.tether.server.audit.report.ReportFormat;
import dev.tether.server.audit.report.ReportRepository;
import dev.tether.server.audit.report.ReportScope;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * Decision report cost at scale: {@code events} audit records of one tenant over 30 days (about
 * one POLICY record per decision plus RULE and JUDGE records, 200 devices, varied apps, hosts,
 * providers and detectors) inserted straight into the audit table with JDBC batches (the ingestion
 * path would take hours at these sizes; the report reads only the table), then the summary (GROUP
 * BY queries), every record streamed as CSV and as JSON, and the capped HTML and PDF, each timed.
 * Run it with a small heap ({@code -Xmx256m}) to show the streaming is bounded. Usage: {@code
 * ReportBench h2|pg events}.
 */
public final class ReportBench {
  private static final String[] APPS = {"curl", "idea", "python3", "code", "chrome", "node"};
  private static final String[] HOSTS = {"api.openai.com", "api.anthropic.com", "gemini.x"};
  private static final String[] PROVIDERS = {"OPENAI", "ANTHROPIC", "GEMINI"};
  private static final String[] MODELS = {"gpt-4o", "claude-sonnet", "gemini-pro", "o3"};
  private static final String[] DETECTORS = {"aws-access-key", "github-pat", "email", "iban"};
  private static final String[] LABELS = {"benign", "source_code", "credential_sharing"};

  private ReportBench() {}

  public static void main(String[] args) throws Exception {
    String db = args.length > 0 ? args[0] : "h2";
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Path dir = Files.createTempDirectory("report-bench-");
    PostgresCluster pg = db.equals("pg") ? PostgresCluster.start(true) : null;
    try (JpaStore store =
        pg != null
            ? pg.store(PostgresCluster.SUPERUSER, "")
            : new JpaStore("jdbc:h2:file:" + dir.resolve("audit"), "sa", "")) {
      store.tx(r -> r.latestCheckpoint()); // creates the schema
      Instant start = Instant.parse("2026-10-01T00:00:00Z");
      long t0 = System.nanoTime();
      insert(store, events, start);
      System.out.printf("%s: inserted %,d records in %.1f s%n", db, events, secs(t0));
      ReportScope scope =
          new ReportScope("acme", start, start.plusSeconds(30 * 86_400L), events, null);
      for (int round = 1; round <= 2; round++) {
        long t = System.nanoTime();
        DecisionSummary s =
            store.tx(
                r -> DecisionSummaries.compute(ReportRepository.of(r.em), scope, Instant.now()));
        System.out.printf(
            "round %d summary: %.2f s (%,d records, %,d decisions)%n",
            round, secs(t), s.records(), s.decisions());
        for (ReportFormat format : ReportFormat.values()) {
          Counting out = new Counting();
          t = System.nanoTime();
          long n =
              DecisionReports.write(
                  format,
                  s,
                  (after, max, d) ->
                      store.tx(r -> ReportRepository.of(r.em).page(scope, after, max, d)),
                  out);
          System.out.printf(
              "round %d %s: %.2f s, %,d records/decisions, %,d bytes, heap used %d MB%n",
              round,
              format,
              secs(t),
              n,
              out.bytes,
              (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
      }
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
  }

  static void insert(JpaStore store, int events, Instant start) throws Exception {
    Random random = new Random(1);
    long span = 30 * 86_400_000L;
    try (Connection c = store.jdbc()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO TETHER_AUDIT_RECORD (EVENTID, TENANT, GROUPID, DEVICEID, DECISIONID,"
                  + " OCCURREDATMILLIS, OCCURREDATNANOS, OSUSER, AUDIT_LAYER, RESPONSE_MODE,"
                  + " REASON, DESTINATIONHOST, PROVIDER, POLICYVERSION, DETECTORIDS, FINDINGCOUNT,"
                  + " CONTENTDIGEST, CONTENTBYTES, RECEIVEDATMILLIS, APP, MODEL, TRACEID,"
                  + " CLASSIFICATION, CONFIDENCE, ESCALATED, LEAFINDEX, LEAFHASH) VALUES"
                  + " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        int leaf = 0;
        int flushed = 0;
        while (leaf < events) {
          String decision = UUID.randomUUID().toString();
          long at = start.toEpochMilli() + (long) (random.nextDouble() * span);
          int d = random.nextInt(200);
          int h = random.nextInt(HOSTS.length);
          String app = APPS[random.nextInt(APPS.length)];
          String model = MODELS[random.nextInt(MODELS.length)];
          ResponseMode applied = ResponseMode.ALLOW;
          if (random.nextInt(3) == 0 && leaf < events - 1) {
            applied = ResponseMode.values()[random.nextInt(ResponseMode.values().length)];
            row(insert, leaf++, decision, at, d, AuditLayer.RULE, applied, h, app, model,
                DETECTORS[random.nextInt(DETECTORS.length)], null);
          }
          if (random.nextInt(3) == 0 && leaf < events - 1) {
            row(insert, leaf++, decision, at, d, AuditLayer.JUDGE, ResponseMode.COACH, h, app,
                model, "", LABELS[random.nextInt(LABELS.length)]);
          }
          row(insert, leaf++, decision, at, d, AuditLayer.POLICY, applied, h, app, model, "",
              null);
          if (leaf - flushed >= 5_000) {
            insert.executeBatch();
            c.commit();
            flushed = leaf;
          }
        }
        insert.executeBatch();
        c.commit();
      }
      if (c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("ANALYZE TETHER_AUDIT_RECORD");
        }
      }
    }
  }

  private static void row(
      PreparedStatement insert,
      int leaf,
      String decision,
      long at,
      int device,
      AuditLayer layer,
      ResponseMode mode,
      int host,
      String app,
      String model,
      String detectors,
      String label)
      throws Exception {
    int i = 1;
    insert.setString(i++, UUID.randomUUID().toString());
    insert.setString(i++, "acme");
    insert.setString(i++, device % 2 == 0 ? "eng" : "ops");
    insert.setString(i++, "dev-" + device);
    insert.setString(i++, decision);
    insert.setLong(i++, at);
    insert.setInt(i++, (int) (at % 1000) * 1_000_000);
    insert.setString(i++, "user" + device);
    insert.setString(i++, layer.name());
    insert.setString(i++, mode.name());
    insert.setString(i++, "bench");
    insert.setString(i++, HOSTS[host]);
    insert.setString(i++, PROVIDERS[host]);
    insert.setLong(i++, 7);
    insert.setString(i++, detectors);
    insert.setInt(i++, detectors.isEmpty() ? 0 : 1);
    insert.setString(i++, "sha256:00");
    insert.setLong(i++, 1234);
    insert.setLong(i++, at + 1000);
    insert.setString(i++, app);
    insert.setString(i++, model);
    insert.setString(i++, "0af7651916cd43dd8448eb211c80319c");
    insert.setString(i++, label);
    if (label == null) {
      insert.setNull(i++, java.sql.Types.DOUBLE);
    } else {
      insert.setDouble(i++, 0.8);
    }
    insert.setBoolean(i++, false);
    insert.setLong(i++, leaf);
    insert.setString(i, "0".repeat(64));
    insert.addBatch();
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Discards bytes, counting them. */
  private static final class Counting extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
