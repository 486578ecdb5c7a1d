package dev.tether.server.policy.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed-login bookkeeping per account name (known or not, so locking does not reveal which names
 * exist): after {@link #threshold} consecutive failures the name is locked for {@link #baseDelay},
 * doubling with every further failure up to {@link #maxDelay}. A success clears the count; a count
 * whose last failure is older than {@link #RESET_AFTER} starts again from zero.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} names are tracked; beyond that the least recently
 * failing name is forgotten. Thread-safe. Kept in memory per server instance (a restart clears it;
 * with several instances behind a load balancer each counts on its own).
 */
public final class LoginThrottle {
  public static final int DEFAULT_THRESHOLD = 5;
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofHours(1);
  static final Duration RESET_AFTER = Duration.ofHours(24);
  static final int MAX_ENTRIES = 100_000;

  private final Clock clock;
  private final int threshold;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Map<String, Entry> entries =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  private record Entry(int failures, Instant lastFailure, Instant lockedUntil) {}

  public LoginThrottle(Clock clock, int threshold, Duration baseDelay, Duration maxDelay) {
    if (threshold < 1
        || baseDelay.isNegative()
        || baseDelay.isZero()
        || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "login throttle: threshold >= 1, 0 < baseDelay <= maxDelay");
    }
    this.clock = clock;
    this.threshold = threshold;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
  }

  /** Production defaults: 5 failures, then 30 s doubling to 1 h. */
  public static LoginThrottle standard(Clock clock) {
    return new LoginThrottle(clock, DEFAULT_THRESHOLD, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY);
  }

  /** How long {@code name} stays locked, if it is locked now. */
  public synchronized Optional<Duration> lockedFor(String name) {
    Entry entry = entries.get(key(name));
    Instant now = clock.instant();
    if (entry == null || entry.lockedUntil == null || !entry.lockedUntil.isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, entry.lockedUntil));
  }

  /** Counts a failure; returns the lock now in force, if any. */
  public synchronized Optional<Duration> failure(String name) {
    Instant now = clock.instant();
    String key = key(name);
    Entry old = entries.get(key);
    int failures =
        old == null || Duration.between(old.lastFailure, now).compareTo(RESET_AFTER) > 0
            ? 1
            : old.failures + 1;
    Instant lockedUntil = null;
    if (failures >= threshold) {
      lockedUntil = now.plus(delay(failures - threshold));
    }
    entries.put(key, new Entry(failures, now, lockedUntil));
    return lockedUntil == null ? Optional.empty() : Optional.of(Duration.between(now, lockedUntil));
  }

  /** Clears the name's failures after a successful login. */
  public synchronized void success(String name) {
    entries.remove(key(name));
  }

  /** Failures currently counted for {@code name}. */
  public synchronized int failures(String name) {
    Entry entry = entries.get(key(name));
    return entry == null ? 0 : entry.failures;
  }

  private Duration delay(int extraFailures) {
    Duration d = baseDelay;
    for (int i = 0; i < extraFailures && d.compareTo(maxDelay) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }

  private static String key(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
    return n.length() > 200 ? n.substring(0, 200) : n;
  }
}
