package dev.tether.server.audit.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Renders a report as one self-contained HTML page: inline CSS (with print rules: tables do not
 * split rows across pages, headers repeat), an inline SVG chart, no script and no external
 * resource. Every value is HTML-escaped; device-supplied text never becomes markup.
 */
public final class HtmlReportWriter {
  private static final String CSS =
      "body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:2em;"
          + "color:#222}h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;"
          + "margin-top:1.6em;border-bottom:1px solid #ccc}table{border-collapse:collapse;"
          + "margin:.5em 0;font-size:.85em}th,td{border:1px solid #ccc;padding:3px 6px;"
          + "text-align:left;vertical-align:top}th{background:#f2f2f2}td.num{text-align:right}"
          + "tr{page-break-inside:avoid}thead{display:table-header-group}.note{color:#555;"
          + "font-size:.85em}.chart{width:100%;max-width:900px}pre{font-size:.8em;"
          + "background:#f7f7f7;padding:.5em;white-space:pre-wrap;word-break:break-all}"
          + "code{font-size:.9em}@media print{body{margin:1cm}h2{page-break-after:avoid}}";

  private HtmlReportWriter() {}

  /** Writes the page for {@code summary} listing {@code listed} decisions. */
  public static void write(Writer out, DecisionSummary summary, List<DecisionRecord> listed)
      throws IOException {
    out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.write("<title>Tether decision report: " + esc(summary.tenant()) + "</title>");
    out.write("<style>" + CSS + "</style></head><body>\n");
    out.write("<h1>Tether decision report</h1>\n");
    out.write("<table>");
    for (List<String> fact : ReportTables.facts(summary)) {
      out.write("<tr><th>" + esc(fact.get(0)) + "</th><td>" + esc(fact.get(1)) + "</td></tr>");
    }
    out.write("</table>\n");
    out.write("<h2>Decisions per day</h2>\n");
    out.write(DailyChartSvg.render(summary.daily()));
    for (ReportTables.Table table : ReportTables.aggregates(summary)) {
      table(out, table);
    }
    table(out, ReportTables.decisions(summary, listed));
    out.write(
        "<h2>Provenance</h2>\n<p class=\"note\">Every figure above counts the tenant's audit"
            + " records whose time is in the period and whose leaf index in the tamper-evident audit"
            + " log is below "
            + esc(ReportTables.n(summary.logSize()))
            + ". That log state is"
            + " fixed by this signed checkpoint (verify with the server's audit-log verifier key;"
            + " events by id with <code>GET /api/v1/admin/audit-log/inclusion</code>):</p>\n");
    out.write(
        "<pre>"
            + esc(
                summary.checkpoint() == null ? "(no checkpoint signed yet)" : summary.checkpoint())
            + "</pre>\n");
    out.write("</body></html>\n");
  }

  private static void table(Writer out, ReportTables.Table table) throws IOException {
    out.write("<h2>" + esc(table.title()) + "</h2>\n");
    if (table.rows().isEmpty()) {
      out.write("<p class=\"note\">None in this period.</p>\n");
    } else {
      out.write("<table><thead><tr>");
      for (String header : table.headers()) {
        out.write("<th>" + esc(header) + "</th>");
      }
      out.write("</tr></thead><tbody>\n");
      for (List<String> row : table.rows()) {
        out.write("<tr>");
        for (String cell : row) {
          boolean numeric = !cell.isEmpty() && cell.matches("[0-9,.]+( %)?");
          out.write((numeric ? "<td class=\"num\">" : "<td>") + esc(cell) + "</td>");
        }
        out.write("</tr>\n");
      }
      out.write("</tbody></table>\n");
    }
    if (table.note() != null) {
      out.write("<p class=\"note\">" + esc(table.note()) + "</p>\n");
    }
  }

  static String esc(String value) {
    StringBuilder text = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> text.append("&amp;");
        case '<' -> text.append("&lt;");
        case '>' -> text.append("&gt;");
        case '"' -> text.append("&quot;");
        case '\'' -> text.append("&#39;");
        default -> text.append(c);
      }
    }
    return text.toString();
  }
}
