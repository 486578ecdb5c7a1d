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
 * <p>Where the counts live is a {@link Store}: the server keeps them in the database ({@link
 * LoginLockout}, so every instance behind a load balancer sees the same count and lock, and a
 * restart keeps them); {@link #standard(Clock)} keeps them in memory, bounded to {@link
 * #MAX_ENTRIES} names (the least recently failing is forgotten). Thread-safe.
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
  private final Store entries;

  /**
   * A name's failure count, its last failure and the end of its lock (null: not locked).
   *
   * @param failures consecutive failures, at least 1
   */
  public record Entry(int failures, Instant lastFailure, Instant lockedUntil) {
    public Entry {
      if (failures < 1 || lastFailure == null) {
        throw new IllegalArgumentException("login throttle entry: failures >= 1 and a time");
      }
    }
  }

  /**
   * Where entries are kept, by normalised account name. The throttle reads and then writes an entry
   * within one call; a shared store must make that pair atomic (the database store locks the row).
   */
  public interface Store {
    Entry get(String key);

    void put(String key, Entry entry);

    void remove(String key);
  }

  /** Bounded in-memory store ({@link #MAX_ENTRIES}, least recently failing forgotten first). */
  static Store inMemory() {
    Map<String, Entry> map =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
          }
        };
    return new Store() {
      @Override
      public Entry get(String key) {
        return map.get(key);
      }

      @Override
      public void put(String key, Entry entry) {
        map.put(key, entry);
      }

      @Override
      public void remove(String key) {
        map.remove(key);
      }
    };
  }

  public LoginThrottle(Clock clock, int threshold, Duration baseDelay, Duration maxDelay) {
    this(clock, threshold, baseDelay, maxDelay, inMemory());
  }

  public LoginThrottle(
      Clock clock, int threshold, Duration baseDelay, Duration maxDelay, Store store) {
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
    this.entries = java.util.Objects.requireNonNull(store, "store");
  }

  /** Production defaults: 5 failures, then 30 s doubling to 1 h. */
  public static LoginThrottle standard(Clock clock) {
    return new LoginThrottle(clock, DEFAULT_THRESHOLD, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY);
  }

  /** Production defaults over {@code store}. */
  public static LoginThrottle standard(Clock clock, Store store) {
    return new LoginThrottle(
        clock, DEFAULT_THRESHOLD, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY, store);
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

  /** The normalised key of an account name (trimmed, lower case, at most 200 characters). */
  static String key(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
    return n.length() > 200 ? n.substring(0, 200) : n;
  }
}
