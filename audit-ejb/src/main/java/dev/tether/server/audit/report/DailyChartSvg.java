package dev.tether.server.audit.report;

import dev.tether.core.policy.ResponseMode;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG bar chart of decisions per day, stacked by applied mode, with a legend. Pure markup
 * (no script, no external reference), so the HTML report stays self-contained.
 */
final class DailyChartSvg {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 260;
  private static final int LEFT = 60;
  private static final int BOTTOM = 40;
  private static final int TOP = 30;

  private DailyChartSvg() {}

  static String render(List<DayCount> days) {
    long max = days.stream().mapToLong(DayCount::total).max().orElse(0);
    long scale = Math.max(1, niceCeiling(max));
    double plotWidth = WIDTH - LEFT - 10;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    double step = plotWidth / Math.max(1, days.size());
    double bar = Math.max(1, step * 0.8);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\""
                + " aria-label=\"Decisions per day by mode\" class=\"chart\">\n",
            WIDTH,
            HEIGHT));
    for (int i = 0; i <= 4; i++) {
      double y = TOP + plotHeight - plotHeight * i / 4;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>\n",
              LEFT,
              y,
              WIDTH - 10,
              y,
              LEFT - 6,
              y + 4,
              ReportTables.n(scale * i / 4)));
    }
    for (int i = 0; i < days.size(); i++) {
      DayCount day = days.get(i);
      double x = LEFT + i * step + (step - bar) / 2;
      double y = TOP + plotHeight;
      for (ResponseMode mode : ResponseMode.values()) {
        long n = day.byMode().getOrDefault(mode.name(), 0L);
        if (n == 0) {
          continue;
        }
        double h = plotHeight * n / scale;
        y -= h;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                    + "<title>%s %s: %s</title></rect>\n",
                x,
                y,
                bar,
                h,
                ModeColors.hex(mode),
                day.day(),
                mode.name(),
                ReportTables.n(n)));
      }
      int every = Math.max(1, days.size() / 12);
      if (i % every == 0) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>\n",
                x + bar / 2,
                HEIGHT - BOTTOM + 14,
                day.day().substring(5)));
      }
    }
    int lx = LEFT;
    for (ResponseMode mode : ResponseMode.values()) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"8\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                  + "<text x=\"%d\" y=\"17\" font-size=\"11\">%s</text>\n",
              lx,
              ModeColors.hex(mode),
              lx + 14,
              mode.name()));
      lx += 110;
    }
    return svg.append("</svg>\n").toString();
  }

  /** The smallest 1, 2 or 5 times a power of ten at or above {@code value}. */
  static long niceCeiling(long value) {
    long power = 1;
    while (power * 10 <= value) {
      power *= 10;
    }
    for (long m : new long[] {1, 2, 5, 10}) {
      if (m * power >= value) {
        return m * power;
      }
    }
    return 10 * power;
  }
}
