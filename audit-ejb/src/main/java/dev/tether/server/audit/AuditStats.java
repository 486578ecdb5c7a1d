package dev.tether.server.audit;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Aggregates of one tenant's audit records over a window of whole UTC days, for the console's
 * dashboard. Counts only: no record content.
 *
 * @param from first instant counted (start of the first UTC day)
 * @param to end of the window (exclusive; the end of today, UTC)
 * @param days the window's length in days
 * @param total records in the window
 * @param decisions distinct decisions in the window
 * @param series records per UTC day, layer and mode (only non-zero cells), by day
 * @param topDetectors detector ids by how many RULE records name them, most first
 * @param topApps applications by records of the POLICY layer (final decisions), most first
 * @param topDestinations destination hosts by records of the POLICY layer, most first
 */
public record AuditStats(
    Instant from,
    Instant to,
    int days,
    long total,
    long decisions,
    List<Cell> series,
    List<Ranked> topDetectors,
    List<Ranked> topApps,
    List<Ranked> topDestinations) {

  /** Shortest and longest window. */
  public static final int MIN_DAYS = 1;

  public static final int MAX_DAYS = 90;

  /** Entries per top list. */
  public static final int TOP = 10;

  public AuditStats {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    series = List.copyOf(series);
    topDetectors = List.copyOf(topDetectors);
    topApps = List.copyOf(topApps);
    topDestinations = List.copyOf(topDestinations);
  }

  /** Records of one day, layer and mode. */
  public record Cell(LocalDate day, AuditLayer layer, ResponseMode mode, long count) {}

  /** One entry of a top list; {@code name} null means "unknown" (field absent in the records). */
  public record Ranked(String name, long count) {}

  /**
   * Checks a requested window length.
   *
   * @throws IllegalArgumentException naming the key and value when out of range
   */
  public static int requireDays(int days) {
    if (days < MIN_DAYS || days > MAX_DAYS) {
      throw new IllegalArgumentException(
          "days: expected " + MIN_DAYS + " to " + MAX_DAYS + ", got " + days);
    }
    return days;
  }
}
