package dev.tether.server.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.json.JsonCodec;
import dev.tether.server.audit.report.DecisionRecord;
import dev.tether.server.audit.report.DecisionReports;
import dev.tether.server.audit.report.DecisionSummaries;
import dev.tether.server.audit.report.DecisionSummary;
import dev.tether.server.audit.report.RecordSource;
import dev.tether.server.audit.report.ReportFormat;
import dev.tether.server.audit.report.ReportRepository;
import dev.tether.server.audit.report.ReportScope;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decision reports on H2: aggregates equal what was ingested, in every format. */
class DecisionReportTest {
  static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  static final Instant FROM = Instant.parse("2026-03-03T00:00:00Z");
  static final Instant TO = Instant.parse("2026-03-09T00:00:00Z");
  static JpaStore store;
  static ReportFixture acme;
  static long logSize;

  @BeforeAll
  static void ingest() {
    store = JpaStore.h2("reports");
    acme = ReportFixture.ingest(store, "acme", 2_400, 6, START, 10, 7);
    ReportFixture.ingest(store, "globex", 300, 2, START, 10, 8);
    logSize = store.tx(r -> (long) r.leafHashes(0, 1_000_000).size());
  }

  @AfterAll
  static void close() {
    store.close();
  }

  static ReportRepository reports(AuditRepository r) {
    return ReportRepository.of(r.em);
  }

  static DecisionSummary summary(ReportScope scope) {
    return store.tx(r -> DecisionSummaries.compute(reports(r), scope, Instant.now()));
  }

  static RecordSource source(ReportScope scope, AtomicInteger pages) {
    return (after, max, decisionsOnly) -> {
      pages.incrementAndGet();
      assertTrue(max <= RecordSource.PAGE, "page size " + max);
      return store.tx(r -> reports(r).page(scope, after, max, decisionsOnly));
    };
  }

  @Test
  void summary_equalsIngestedEvents_onlyTenantAndPeriod() {
    ReportScope scope = new ReportScope("acme", FROM, TO, logSize, null);
    DecisionSummary s = summary(scope);
    acme.assertMatches(s, FROM, TO);
    assertTrue(s.decisions() > 1_000 && s.decisions() < 2_400, "period is a subset");
    assertEquals(6, s.daily().size(), "one bucket per day of the period, empty ones too");
  }

  @Test
  void summary_boundedByLogSize_laterEventsNotCounted() {
    long half = logSize / 2;
    DecisionSummary s =
        summary(new ReportScope("acme", START, TO.plusSeconds(9 * 86_400), half, null));
    long expected =
        store.tx(r -> r.tenantRecords("acme", 0, 1_000_000)).stream()
            .filter(record -> record.leafIndex() < half)
            .count();
    assertEquals(expected, s.records());
    assertTrue(expected > 0 && expected < acme.events.size());
  }

  @Test
  void scope_invalidPeriod_throwsNamingTheKey() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> new ReportScope("acme", TO, FROM, 0, null))
            .getMessage()
            .startsWith("from:"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> new ReportScope("acme", FROM, FROM.plusSeconds(367 * 86_400L), 0, null))
            .getMessage()
            .startsWith("to:"));
  }

  @Test
  void csvAndJson_streamEveryRecordOnceInPeriodOrder_acrossPagesAndTies() throws Exception {
    ReportScope scope =
        new ReportScope("acme", START, START.plusSeconds(10 * 86_400L), logSize, null);
    List<AuditEvent> expected = acme.within(scope.from(), scope.to());
    assertTrue(expected.size() > 2 * RecordSource.PAGE, "several pages: " + expected.size());
    DecisionSummary s = summary(scope);
    AtomicInteger pages = new AtomicInteger();
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    long written = DecisionReports.write(ReportFormat.CSV, s, source(scope, pages), csv);
    assertEquals(expected.size(), written);
    assertTrue(pages.get() >= 3, "paged: " + pages.get());
    String[] lines = new String(csv.toByteArray(), UTF_8).split("\r\n");
    assertEquals(expected.size() + 1, lines.length);
    assertTrue(lines[0].startsWith("occurred_at,leaf_index,event_id,decision_id,trace_id"));
    Set<String> ids = new HashSet<>();
    long previousMillis = Long.MIN_VALUE;
    String previousId = "";
    int ties = 0;
    for (int i = 1; i < lines.length; i++) {
      String[] cells = lines[i].split(",", 4);
      assertTrue(ids.add(cells[2]), "event listed twice: " + cells[2]);
      long millis = Instant.parse(cells[0]).toEpochMilli();
      assertTrue(
          millis > previousMillis
              || (millis == previousMillis && cells[2].compareTo(previousId) > 0),
          "period order at line " + i);
      ties += millis == previousMillis ? 1 : 0;
      previousMillis = millis;
      previousId = cells[2];
    }
    assertTrue(ties > RecordSource.PAGE / 10, "same-millisecond records: " + ties);
    assertEquals(
        expected.stream().map(AuditEvent::eventId).collect(java.util.stream.Collectors.toSet()),
        ids);
    String text = new String(csv.toByteArray(), UTF_8);
    assertTrue(text.contains(",\"'=HYPERLINK(\"\"http://x\"\"), quoted\""), "formula neutralised");
    assertFalse(text.contains(",=HYPERLINK"));

    ByteArrayOutputStream json = new ByteArrayOutputStream();
    DecisionReports.write(ReportFormat.JSON, s, source(scope, new AtomicInteger()), json);
    JsonView view = JsonCodec.read(json.toByteArray(), JsonView.class);
    assertEquals(expected.size(), view.recordCount());
    assertEquals(expected.size(), view.records().size());
    assertEquals(s.decisions(), view.summary().decisions());
    assertEquals(s.byMode(), view.summary().byMode());
    Set<String> jsonIds = new HashSet<>();
    for (DecisionRecord r : view.records()) {
      assertTrue(jsonIds.add(r.eventId()));
    }
    assertEquals(ids, jsonIds);
    DecisionRecord policy =
        view.records().stream().filter(r -> r.layer() == AuditLayer.POLICY).findFirst().get();
    AuditEvent source =
        expected.stream().filter(e -> e.eventId().equals(policy.eventId())).findFirst().get();
    assertEquals(source.decisionId(), policy.decisionId());
    assertEquals(source.traceId(), policy.traceId());
    assertEquals(source.occurredAt(), policy.occurredAt());
  }

  /** The JSON format as a reader sees it. */
  record JsonView(DecisionSummary summary, List<DecisionRecord> records, long recordCount) {}

  @Test
  void htmlAndPdf_showTotalsAndCapTheDecisionList() throws Exception {
    ReportScope scope =
        new ReportScope(
            "acme",
            FROM,
            TO,
            logSize,
            "tether.test/audit-log\n5\n" + "AAAA\n\n\u2014 tether.test/audit-log AAAA\n");
    DecisionSummary s = summary(scope);
    assertTrue(s.decisions() > DecisionReports.MAX_LISTED);
    String decisions = String.format(java.util.Locale.ROOT, "%,d", s.decisions());

    ByteArrayOutputStream html = new ByteArrayOutputStream();
    assertEquals(
        DecisionReports.MAX_LISTED,
        DecisionReports.write(ReportFormat.HTML, s, source(scope, new AtomicInteger()), html));
    String page = new String(html.toByteArray(), UTF_8);
    assertTrue(page.startsWith("<!DOCTYPE html>"));
    assertTrue(page.contains("<th>Decisions</th><td>" + decisions + "</td>"), "total shown");
    assertTrue(page.contains("<svg"), "inline chart");
    assertTrue(page.contains("Showing the first 1,000 of " + decisions + " decisions"));
    assertTrue(page.contains("reason, with &quot;quotes&quot; &lt;b&gt;") || !page.contains("<b>"));
    assertFalse(page.contains("<script") || page.contains("src=\"http") || page.contains("<b>"));
    assertTrue(page.contains("aws-access-key") || s.byDetector().rows().isEmpty());

    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    DecisionReports.write(ReportFormat.PDF, s, source(scope, new AtomicInteger()), pdf);
    String text;
    try (PDDocument document = Loader.loadPDF(pdf.toByteArray())) {
      assertTrue(document.getNumberOfPages() > 10, "list over many pages");
      text = new PDFTextStripper().getText(document);
    }
    assertTrue(text.contains("Tether decision report"), "title");
    assertTrue(text.contains("Decisions " + decisions), "total decisions in the PDF text");
    assertTrue(text.contains("Showing the first 1,000 of " + decisions + " decisions"), text);
    String firstDecision = store.tx(r -> reports(r).page(scope, null, 1, true)).get(0).decisionId();
    assertTrue(text.contains(firstDecision), "decision ids listed");
  }

  @Test
  void emptyPeriod_rendersEveryFormat() throws Exception {
    ReportScope scope = new ReportScope("nobody", FROM, TO, logSize, null);
    DecisionSummary s = summary(scope);
    assertEquals(0, s.records());
    for (ReportFormat format : ReportFormat.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertEquals(0, DecisionReports.write(format, s, source(scope, new AtomicInteger()), out));
      assertTrue(out.size() > 0, format.name());
    }
    List<String> unused = new ArrayList<>();
    assertTrue(unused.isEmpty());
  }
}
