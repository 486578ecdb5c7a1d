package dev.tether.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A report period from the {@code from} and {@code to} query parameters: ISO-8601 instants ({@code
 * 2026-11-01T00:00:00Z}) or dates ({@code 2026-11-01}, midnight UTC); {@code to} defaults to now
 * and {@code from} to 30 days before {@code to}.
 */
record ReportPeriod(Instant from, Instant to) {
  static final Duration DEFAULT_LENGTH = Duration.ofDays(30);

  static ReportPeriod parse(String from, String to) {
    Instant end = to == null || to.isBlank() ? Instant.now() : instant("to", to);
    Instant start =
        from == null || from.isBlank() ? end.minus(DEFAULT_LENGTH) : instant("from", from);
    return new ReportPeriod(start, end);
  }

  private static Instant instant(String key, String value) {
    String v = value.trim();
    try {
      return v.length() == 10
          ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          key
              + ": expected an ISO-8601 instant or date, got \""
              + (v.length() > 40 ? v.substring(0, 40) + "..." : v)
              + "\"");
    }
  }

  /** {@code <prefix>-<yyyymmdd>-<yyyymmdd>.<extension>} (safe in a header: slug and digits). */
  String fileName(String prefix, String extension) {
    return prefix + "-" + day(from) + "-" + day(to) + "." + extension;
  }

  private static String day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString().replace("-", "");
  }
}
