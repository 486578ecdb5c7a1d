package dev.tether.server.audit.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a decision report in one {@link ReportFormat}. CSV and JSON stream every record of the
 * period (all layers) page by page; HTML and PDF list at most {@link #MAX_LISTED} decisions and say
 * so. Memory is bounded by one page of records plus the summary.
 */
public final class DecisionReports {
  /** Most decisions an HTML or PDF report lists. */
  public static final int MAX_LISTED = ReportTables.MAX_LISTED;

  private DecisionReports() {}

  /**
   * Writes the report to {@code out} (flushed, not closed).
   *
   * @return records written (CSV, JSON) or decisions listed (HTML, PDF)
   */
  public static long write(
      ReportFormat format, DecisionSummary summary, RecordSource records, OutputStream out)
      throws IOException {
    switch (format) {
      case HTML -> {
        List<DecisionRecord> listed = listed(records);
        Writer writer = writer(out);
        HtmlReportWriter.write(writer, summary, listed);
        writer.flush();
        return listed.size();
      }
      case PDF -> {
        List<DecisionRecord> listed = listed(records);
        PdfReportWriter.write(out, summary, listed);
        out.flush();
        return listed.size();
      }
      case CSV -> {
        Writer writer = writer(out);
        CsvRecordWriter csv = new CsvRecordWriter(writer);
        long n = records.forEach(false, -1, csv::write);
        writer.flush();
        return n;
      }
      case JSON -> {
        Writer writer = writer(out);
        JsonReportWriter json = new JsonReportWriter(writer, summary);
        long n = records.forEach(false, -1, json::write);
        json.finish();
        writer.flush();
        return n;
      }
      default -> throw new IllegalStateException("format " + format);
    }
  }

  private static List<DecisionRecord> listed(RecordSource records) {
    List<DecisionRecord> listed = new ArrayList<>();
    records.forEach(true, MAX_LISTED, listed::add);
    return listed;
  }

  private static Writer writer(OutputStream out) {
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
  }
}
