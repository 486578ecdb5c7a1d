package dev.tether.server.audit.report;

import dev.tether.core.policy.ResponseMode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Renders a report as a PDF (Apache PDFBox, A4 landscape, the standard Helvetica fonts so nothing
 * is embedded or fetched): the facts, a daily bar chart stacked by mode, every aggregate table and
 * the capped decision list, paginated with repeated headers. Text outside the fonts' WinAnsi
 * character set is shown as {@code ?}; cells too wide for their column are cut with {@code ...}.
 */
public final class PdfReportWriter {
  private static final PDRectangle PAGE =
      new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
  private static final float MARGIN = 36;
  private static final float SIZE = 7.5f;
  private static final float LINE = 10.5f;

  private final PDDocument document;
  private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  private PDPageContentStream content;
  private float y;
  private int pages;

  private PdfReportWriter(PDDocument document) {
    this.document = document;
  }

  /** Writes the PDF for {@code summary} listing {@code listed} decisions. */
  public static void write(OutputStream out, DecisionSummary summary, List<DecisionRecord> listed)
      throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle("Tether decision report: " + summary.tenant());
      info.setCreator("Tether");
      PdfReportWriter writer = new PdfReportWriter(document);
      writer.render(summary, listed);
      document.save(out);
    }
  }

  private void render(DecisionSummary summary, List<DecisionRecord> listed) throws IOException {
    newPage();
    text(bold, 14, MARGIN, "Tether decision report");
    y -= 20;
    for (List<String> fact : ReportTables.facts(summary)) {
      ensure(LINE);
      text(bold, SIZE + 1, MARGIN, fact.get(0));
      text(regular, SIZE + 1, MARGIN + 170, fact.get(1));
      y -= LINE + 1;
    }
    chart(summary.daily());
    for (ReportTables.Table table : ReportTables.aggregates(summary)) {
      table(table);
    }
    table(ReportTables.decisions(summary, listed));
    heading("Provenance");
    paragraph(
        "Figures count the tenant's audit records in the period whose leaf index in the"
            + " tamper-evident audit log is below "
            + ReportTables.n(summary.logSize())
            + ", the size of this signed checkpoint:");
    String checkpoint =
        summary.checkpoint() == null ? "(no checkpoint signed yet)" : summary.checkpoint();
    for (String line : checkpoint.split("\n")) {
      ensure(LINE);
      text(regular, SIZE, MARGIN, line);
      y -= LINE;
    }
    content.close();
  }

  private void chart(List<DayCount> days) throws IOException {
    heading("Decisions per day (UTC), stacked by mode");
    float height = 120;
    ensure(height + 30);
    float width = PAGE.getWidth() - 2 * MARGIN - 40;
    float x0 = MARGIN + 40;
    float base = y - height;
    long max =
        Math.max(
            1, DailyChartSvg.niceCeiling(days.stream().mapToLong(DayCount::total).max().orElse(0)));
    y = base + height - 3;
    text(regular, SIZE, MARGIN, ReportTables.n(max));
    content.setStrokingColor(0.8f, 0.8f, 0.8f);
    content.moveTo(x0, base);
    content.lineTo(x0 + width, base);
    content.moveTo(x0, base + height);
    content.lineTo(x0 + width, base + height);
    content.stroke();
    float step = width / Math.max(1, days.size());
    float bar = Math.max(0.5f, step * 0.8f);
    for (int i = 0; i < days.size(); i++) {
      float top = base;
      for (ResponseMode mode : ResponseMode.values()) {
        long n = days.get(i).byMode().getOrDefault(mode.name(), 0L);
        if (n == 0) {
          continue;
        }
        float h = height * n / max;
        color(ModeColors.rgb(mode));
        content.addRect(x0 + i * step + (step - bar) / 2, top, bar, h);
        content.fill();
        top += h;
      }
    }
    content.setNonStrokingColor(0f, 0f, 0f);
    y = base;
    text(regular, SIZE, MARGIN, "0");
    y = base - 12;
    if (!days.isEmpty()) {
      text(regular, SIZE, x0, days.get(0).day());
      text(regular, SIZE, x0 + width - 40, days.get(days.size() - 1).day());
    }
    y -= LINE;
    float lx = x0;
    for (ResponseMode mode : ResponseMode.values()) {
      color(ModeColors.rgb(mode));
      content.addRect(lx, y - 1, 7, 7);
      content.fill();
      content.setNonStrokingColor(0f, 0f, 0f);
      text(regular, SIZE, lx + 10, mode.name());
      lx += 80;
    }
    y -= LINE * 2;
  }

  private void table(ReportTables.Table table) throws IOException {
    heading(table.title());
    if (table.rows().isEmpty()) {
      paragraph("None in this period.");
      return;
    }
    float[] widths = widths(table);
    header(table, widths);
    for (List<String> row : table.rows()) {
      if (y - LINE < MARGIN) {
        newPage();
        header(table, widths);
      }
      float x = MARGIN;
      for (int c = 0; c < row.size(); c++) {
        text(regular, SIZE, x, fit(regular, row.get(c), widths[c] - 4));
        x += widths[c];
      }
      y -= LINE;
    }
    if (table.note() != null) {
      paragraph(table.note());
    }
  }

  private void header(ReportTables.Table table, float[] widths) throws IOException {
    float x = MARGIN;
    for (int c = 0; c < table.headers().size(); c++) {
      text(bold, SIZE, x, fit(bold, table.headers().get(c), widths[c] - 4));
      x += widths[c];
    }
    y -= LINE;
  }

  /** Column widths proportional to the widest cell, fitted to the page. */
  private float[] widths(ReportTables.Table table) throws IOException {
    int columns = table.headers().size();
    float[] widths = new float[columns];
    for (int c = 0; c < columns; c++) {
      widths[c] = width(bold, table.headers().get(c)) + 8;
    }
    int sampled = 0;
    for (List<String> row : table.rows()) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], Math.min(220, width(regular, row.get(c)) + 8));
      }
      if (++sampled >= 200) {
        break;
      }
    }
    float total = 0;
    for (float w : widths) {
      total += w;
    }
    float available = PAGE.getWidth() - 2 * MARGIN;
    if (total > available) {
      for (int c = 0; c < columns; c++) {
        widths[c] = widths[c] * available / total;
      }
    }
    return widths;
  }

  private void heading(String title) throws IOException {
    ensure(LINE * 4);
    y -= 6;
    text(bold, 10, MARGIN, title);
    y -= LINE + 3;
  }

  private void paragraph(String text) throws IOException {
    float available = PAGE.getWidth() - 2 * MARGIN;
    StringBuilder line = new StringBuilder();
    for (String word : safe(text).split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (width(regular, candidate) > available && line.length() > 0) {
        ensure(LINE);
        text(regular, SIZE, MARGIN, line.toString());
        y -= LINE;
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    if (line.length() > 0) {
      ensure(LINE);
      text(regular, SIZE, MARGIN, line.toString());
      y -= LINE;
    }
    y -= 4;
  }

  private void ensure(float needed) throws IOException {
    if (y - needed < MARGIN) {
      newPage();
    }
  }

  private void newPage() throws IOException {
    if (content != null) {
      content.close();
    }
    PDPage page = new PDPage(PAGE);
    document.addPage(page);
    content = new PDPageContentStream(document, page);
    pages++;
    y = PAGE.getHeight() - MARGIN;
    text(regular, 6.5f, PAGE.getWidth() - MARGIN - 40, "page " + pages);
  }

  private void text(PDType1Font font, float size, float x, String value) throws IOException {
    content.beginText();
    content.setFont(font, size);
    content.newLineAtOffset(x, y);
    content.showText(safe(value));
    content.endText();
  }

  private void color(int rgb) throws IOException {
    content.setNonStrokingColor(
        ((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f, (rgb & 0xff) / 255f);
  }

  private String fit(PDType1Font font, String value, float max) throws IOException {
    String text = safe(value);
    if (width(font, text) <= max) {
      return text;
    }
    int end = text.length();
    while (end > 0 && width(font, text.substring(0, end) + "...") > max) {
      end--;
    }
    return text.substring(0, end) + "...";
  }

  private static float width(PDType1Font font, String text) throws IOException {
    return font.getStringWidth(safe(text)) / 1000 * SIZE;
  }

  /** Only characters the standard fonts encode (printable ASCII and Latin-1). */
  static String safe(String value) {
    StringBuilder text = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      text.append((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) ? c : '?');
    }
    return text.toString();
  }
}
