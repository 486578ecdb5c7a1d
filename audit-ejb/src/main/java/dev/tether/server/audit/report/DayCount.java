package dev.tether.server.audit.report;

import java.util.Map;

/**
 * Decisions of one UTC day.
 *
 * @param day ISO date (UTC)
 * @param total decisions that day
 * @param byMode decisions per applied mode (name), only modes that occurred
 */
public record DayCount(String day, long total, Map<String, Long> byMode) {
  public DayCount {
    byMode = Map.copyOf(byMode);
  }
}
