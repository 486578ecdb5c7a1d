package dev.tether.server.policy.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * When an admin session ends: after {@code idle} without a request, and in any case {@code
 * absolute} after it was opened (re-authentication required).
 *
 * @param idle idle timeout, 1 minute to 12 hours (default 15 minutes)
 * @param absolute absolute lifetime, at least {@code idle}, at most 7 days (default 8 hours)
 */
public record SessionTimeouts(Duration idle, Duration absolute) {
  public static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);
  public static final Duration DEFAULT_ABSOLUTE = Duration.ofHours(8);

  /** Config keys (MicroProfile Config), ISO-8601 durations. */
  public static final String IDLE_KEY = "tether.admin.session.idle";

  public static final String ABSOLUTE_KEY = "tether.admin.session.absolute";

  public SessionTimeouts {
    if (idle == null
        || idle.compareTo(Duration.ofMinutes(1)) < 0
        || idle.compareTo(Duration.ofHours(12)) > 0) {
      throw new IllegalArgumentException(IDLE_KEY + ": expected PT1M..PT12H, got " + idle);
    }
    if (absolute == null
        || absolute.compareTo(idle) < 0
        || absolute.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException(
          ABSOLUTE_KEY + ": expected between the idle timeout and P7D, got " + absolute);
    }
  }

  public static SessionTimeouts defaults() {
    return new SessionTimeouts(DEFAULT_IDLE, DEFAULT_ABSOLUTE);
  }

  /** True if a session opened at {@code openedAt} and last used at {@code lastSeen} has ended. */
  public boolean expired(Instant openedAt, Instant lastSeen, Instant now) {
    return !now.isBefore(lastSeen.plus(idle)) || !now.isBefore(openedAt.plus(absolute));
  }
}
