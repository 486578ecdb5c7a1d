package dev.tether.agent.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Parses durations as written on the command line: {@code 500ms}, {@code 30s}, {@code 5m}, {@code
 * 1h} or ISO-8601.
 */
public final class Durations {
  private Durations() {}

  /**
   * @throws IllegalArgumentException naming {@code key} and the value
   */
  public static Duration parse(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + ": expected a duration like 30s, got nothing");
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(value.trim());
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long amount = Long.parseLong(v.substring(0, v.length() - 1));
      switch (v.charAt(v.length() - 1)) {
        case 's':
          return Duration.ofSeconds(amount);
        case 'm':
          return Duration.ofMinutes(amount);
        case 'h':
          return Duration.ofHours(amount);
        default:
          break;
      }
    } catch (RuntimeException e) {
      // fall through to the message naming the key
    }
    throw new IllegalArgumentException(
        key + ": expected a duration like 500ms, 30s, 5m, 1h or ISO-8601, got \"" + value + "\"");
  }
}
