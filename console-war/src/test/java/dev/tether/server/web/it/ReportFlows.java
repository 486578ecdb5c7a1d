package dev.tether.server.web.it;

import static dev.tether.server.web.it.ServerFlows.expect;
import static dev.tether.server.web.it.ServerFlows.problem;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.evidence.EvidenceManifest;
import dev.tether.core.audit.evidence.EvidenceVerificationException;
import dev.tether.core.audit.evidence.EvidenceVerifier;
import dev.tether.core.audit.log.NoteVerifierKey;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Decision reports and the evidence package over HTTP, against the deployed server. */
public final class ReportFlows {
  private final TetherHttp http;

  public ReportFlows(TetherHttp http) {
    this.http = http;
  }

  /**
   * Every report format and the evidence package of {@code tenant}'s last day: totals agree with
   * the audit query, the PDF parses, the package verifies offline with the pinned key and fails
   * once a byte of it changes.
   */
  public void reportsAndEvidence(String tenant, long expectedRecords, Path workDir)
      throws Exception {
    String base = ServerFlows.ADMIN + "/" + tenant;
    Instant to = Instant.now().plus(1, ChronoUnit.HOURS);
    String period = "from=" + to.minus(1, ChronoUnit.DAYS) + "&to=" + to;

    HttpResponse<byte[]> csv =
        expect(200, http.admin("GET", base + "/reports/decisions?format=csv&" + period, null));
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertEquals(expectedRecords + 1, new String(csv.body(), UTF_8).split("\r\n").length);

    HttpResponse<byte[]> json =
        expect(200, http.admin("GET", base + "/reports/decisions?format=json&" + period, null));
    assertTrue(
        new String(json.body(), UTF_8).endsWith(",\"recordCount\":" + expectedRecords + "}\n"));

    HttpResponse<byte[]> html =
        expect(200, http.admin("GET", base + "/reports/decisions?" + period, null));
    assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    String page = new String(html.body(), UTF_8);
    assertTrue(
        page.contains("<th>Audit records (all layers)</th><td>" + expectedRecords + "</td>"), page);

    HttpResponse<byte[]> pdf =
        expect(200, http.admin("GET", base + "/reports/decisions?format=pdf&" + period, null));
    try (PDDocument document = Loader.loadPDF(pdf.body())) {
      String text = new PDFTextStripper().getText(document);
      assertTrue(text.contains("Audit records (all layers) " + expectedRecords), text);
    }

    problem(400, "format", http.admin("GET", base + "/reports/decisions?format=xls", null));
    problem(400, "from", http.admin("GET", base + "/reports/decisions?from=yesterday", null));
    problem(
        400,
        "to:",
        http.admin("GET", base + "/reports/decisions?from=2020-01-01&to=2026-01-01", null));
    problem(
        404, "tenant", http.admin("GET", ServerFlows.ADMIN + "/no-such/reports/decisions", null));
    problem(404, "tenant", http.admin("GET", ServerFlows.ADMIN + "/no-such/evidence", null));

    HttpResponse<byte[]> evidence =
        expect(200, http.admin("GET", base + "/evidence?" + period, null));
    assertEquals("application/zip", evidence.headers().firstValue("Content-Type").orElse(""));
    Path zip = workDir.resolve("evidence-" + tenant + ".zip");
    Files.write(zip, evidence.body());
    NoteVerifierKey key =
        NoteVerifierKey.parse(
            new String(
                expect(200, http.admin("GET", "api/v1/admin/audit-log/verifier-key", null)).body(),
                UTF_8));
    EvidenceManifest manifest = EvidenceVerifier.verify(zip, key);
    assertEquals(tenant, manifest.tenant());
    assertTrue(manifest.file("policy/history.json").size() > 2, "policy history present");
    assertTrue(manifest.file("fleet/devices.json").size() > 2, "fleet present");

    byte[] tampered = evidence.body().clone();
    tampered[tampered.length / 3] ^= 0x20;
    Path bad = workDir.resolve("evidence-" + tenant + "-bad.zip");
    Files.write(bad, tampered);
    assertThrows(EvidenceVerificationException.class, () -> EvidenceVerifier.verify(bad, key));
  }
}
