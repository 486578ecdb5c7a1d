package dev.tether.server.audit.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes records as RFC 4180 CSV, one line per audit record (every layer), with a header. Cells
 * that a spreadsheet would run as a formula ({@code = + - @}, tab, carriage return first) are
 * prefixed with an apostrophe: device-supplied text such as a reason never executes in an auditor's
 * spreadsheet.
 */
public final class CsvRecordWriter {
  static final List<String> HEADER =
      List.of(
          "occurred_at",
          "leaf_index",
          "event_id",
          "decision_id",
          "trace_id",
          "layer",
          "mode",
          "group",
          "device_id",
          "os_user",
          "developer",
          "app",
          "destination_host",
          "provider",
          "model",
          "policy_version",
          "detector_ids",
          "finding_count",
          "classification",
          "confidence",
          "escalated",
          "reason");

  private final Writer out;

  public CsvRecordWriter(Writer out) throws IOException {
    this.out = out;
    line(HEADER);
  }

  public void write(DecisionRecord r) {
    try {
      line(
          List.of(
              r.occurredAt().toString(),
              Long.toString(r.leafIndex()),
              r.eventId(),
              r.decisionId(),
              text(r.traceId()),
              r.layer().name(),
              r.mode().name(),
              text(r.group()),
              text(r.deviceId()),
              text(r.osUser()),
              text(r.developer()),
              text(r.app()),
              text(r.destinationHost()),
              text(r.provider()),
              text(r.model()),
              Long.toString(r.policyVersion()),
              String.join(";", r.detectorIds()),
              Integer.toString(r.findingCount()),
              text(r.classification()),
              r.confidence() == null ? "" : r.confidence().toString(),
              Boolean.toString(r.escalated()),
              text(r.reason())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void line(List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(cell(cells.get(i)));
    }
    out.write("\r\n");
  }

  /** One RFC 4180 cell, neutralised against spreadsheet formulas. */
  public static String cell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
