package dev.tether.server.audit.report;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tables of a printed report (HTML and PDF render the same ones), built from a summary and a
 * capped decision list.
 */
final class ReportTables {
  /** Most decisions listed in a printed report. */
  static final int MAX_LISTED = 1_000;

  /** One table: title, column headers, rows of cells, and an optional note under it. */
  record Table(String title, List<String> headers, List<List<String>> rows, String note) {
    Table {
      headers = List.copyOf(headers);
      rows = List.copyOf(rows);
    }
  }

  private ReportTables() {}

  static String n(long value) {
    return NumberFormat.getIntegerInstance(Locale.ROOT).format(value);
  }

  /** {label, value} lines of the report's header. */
  static List<List<String>> facts(DecisionSummary s) {
    return List.of(
        List.of("Tenant", s.tenant()),
        List.of("Period (UTC, occurredAt)", s.from() + " to " + s.to() + " (end exclusive)"),
        List.of("Generated", s.generatedAt().toString()),
        List.of(
            "Audit log size covered", n(s.logSize()) + " leaves (records with leaf index below)"),
        List.of("Decisions", n(s.decisions())),
        List.of("Blocked decisions", n(s.blocked())),
        List.of("Audit records (all layers)", n(s.records())),
        List.of("Distinct decision ids", n(s.decisionIds())),
        List.of("Devices", n(s.devices())),
        List.of("Judge escalations to the cloud judge", n(s.escalated())));
  }

  static List<Table> aggregates(DecisionSummary s) {
    List<Table> tables = new ArrayList<>();
    List<List<String>> modes = new ArrayList<>();
    for (Count c : s.byMode()) {
      modes.add(List.of(c.key(), n(c.count()), percent(c.count(), s.decisions())));
    }
    tables.add(
        new Table(
            "Decisions by applied mode",
            List.of("Mode", "Decisions", "Share"),
            modes,
            "One decision per request: the POLICY record carrying the mode applied."));
    List<List<String>> layers = new ArrayList<>();
    for (LayerCount c : s.byLayer()) {
      layers.add(List.of(c.layer().name(), c.mode().name(), n(c.records())));
    }
    tables.add(
        new Table(
            "Records by control layer",
            List.of("Layer", "Mode asked", "Records"),
            layers,
            "Rule (RULE) and judge (JUDGE) records are separate records of the decision they"
                + " contributed to."));
    tables.add(breakdown("RULE records by detector", "Detector", s.byDetector(), true));
    tables.add(breakdown("JUDGE records by label", "Label", s.byJudgeLabel(), false));
    tables.add(breakdown("Decisions by application", "App", s.byApp(), false));
    tables.add(breakdown("Decisions by destination", "Destination", s.byDestination(), false));
    tables.add(
        breakdown("Decisions by provider / model", "Provider / model", s.byProviderModel(), false));
    tables.add(breakdown("Decisions by device group", "Group", s.byGroup(), false));
    tables.add(breakdown("Decisions by OS user", "OS user", s.byUser(), false));
    List<List<String>> days = new ArrayList<>();
    for (DayCount d : s.daily()) {
      days.add(List.of(d.day(), n(d.total()), n(d.byMode().getOrDefault("BLOCK", 0L)), modes(d)));
    }
    tables.add(
        new Table(
            "Decisions per day (UTC)",
            List.of("Day", "Decisions", "Blocked", "By mode"),
            days,
            null));
    return tables;
  }

  static Table decisions(DecisionSummary s, List<DecisionRecord> listed) {
    List<List<String>> rows = new ArrayList<>();
    for (DecisionRecord r : listed) {
      rows.add(
          List.of(
              r.occurredAt().toString(),
              r.mode().name(),
              text(r.app()),
              text(r.destinationHost()),
              text(r.provider()) + (r.model() == null ? "" : " / " + r.model()),
              text(r.deviceId()) + (r.osUser() == null ? "" : " (" + r.osUser() + ")"),
              Long.toString(r.policyVersion()),
              r.decisionId(),
              text(r.traceId())));
    }
    String note =
        listed.size() < s.decisions()
            ? "Showing the first "
                + n(listed.size())
                + " of "
                + n(s.decisions())
                + " decisions (period order; the list is capped at "
                + n(MAX_LISTED)
                + "). The CSV and JSON formats list every record of every layer."
            : "All " + n(s.decisions()) + " decisions of the period, in period order.";
    return new Table(
        "Decisions",
        List.of(
            "Time (UTC)",
            "Mode",
            "App",
            "Destination",
            "Provider / model",
            "Device (user)",
            "Policy",
            "Decision id",
            "Trace id"),
        rows,
        note);
  }

  private static Table breakdown(String title, String key, Breakdown b, boolean detectors) {
    List<List<String>> rows = new ArrayList<>();
    for (Count c : b.rows()) {
      rows.add(List.of(c.key(), n(c.count()), n(c.blocked())));
    }
    String note = null;
    if (b.unlisted() > 0) {
      note =
          n(b.unlisted())
              + (detectors ? " further detector hits" : " further records")
              + " in rows beyond the first "
              + n(DecisionSummary.MAX_ROWS)
              + " are not itemised.";
    }
    return new Table(
        title, List.of(key, detectors ? "Records" : "Count", "of which BLOCK"), rows, note);
  }

  private static String modes(DayCount d) {
    StringBuilder text = new StringBuilder();
    d.byMode().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(
            e ->
                text.append(text.length() == 0 ? "" : ", ")
                    .append(e.getKey())
                    .append(' ')
                    .append(n(e.getValue())));
    return text.toString();
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
