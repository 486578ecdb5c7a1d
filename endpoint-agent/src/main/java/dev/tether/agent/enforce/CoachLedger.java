package dev.tether.agent.enforce;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Coach mode's memory: requests held for acknowledgement (by decision id) and the developer's
 * acknowledgement of them, with the justification. Kept in memory, and in a {@code LedgerJournal}
 * in the state directory when opened with {@link #open} so an acknowledgement survives an agent
 * restart or crash.
 *
 * <p>Guarantees: an acknowledgement only ever allows the same request ({@link RequestKey}) within
 * the window measured from the acknowledgement, and the window is checked at use against the policy
 * then in force ({@link #acknowledged(RequestKey, Instant, Duration)}): a lowered window shortens
 * existing acknowledgements, and a policy that no longer coaches never consults them. Bounded: at
 * most {@value #CAPACITY} entries (expired ones pruned first, then the oldest); held requests are
 * kept {@link #HELD_RETENTION}; justifications are cut to {@value #MAX_JUSTIFICATION} characters
 * and never logged. A failure to persist keeps the entry in memory and is reported by {@link
 * #problem()}. Thread-safe.
 */
public final class CoachLedger {
  private static final System.Logger LOG = System.getLogger(CoachLedger.class.getName());
  public static final int CAPACITY = 1024;

  /** Longest justification kept (longer is cut). */
  public static final int MAX_JUSTIFICATION = 300;

  /** How long a request nobody acknowledged stays acknowledgeable. */
  public static final Duration HELD_RETENTION = Duration.ofDays(1);

  /** A request waiting for acknowledgement. */
  public record Held(String decisionId, RequestKey key, String reason, Duration window) {
    public Held {
      Objects.requireNonNull(decisionId, "decisionId");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(window, "window");
    }
  }

  /** A developer's acknowledgement of decision {@code decisionId}, valid until {@code until}. */
  public record Acknowledgement(
      String decisionId, String justification, Instant acknowledgedAt, Instant until) {}

  /**
   * The persisted form of one held request and its acknowledgement, if any.
   *
   * @param windowSeconds the coach window when held, or when acknowledged once acknowledged
   */
  public record Entry(
      String decisionId,
      RequestKey key,
      String reason,
      long windowSeconds,
      Instant heldAt,
      String justification,
      Instant acknowledgedAt) {
    public Entry {
      LedgerLimits.id("coach.decisionId", decisionId);
      LedgerLimits.key("coach.key", key);
      reason = LedgerLimits.cut(reason, LedgerLimits.MAX_REASON);
      Objects.requireNonNull(heldAt, "coach.heldAt: required");
      if (windowSeconds <= 0) {
        throw new IllegalArgumentException(
            "coach.windowSeconds: expected > 0, got " + windowSeconds);
      }
      if (justification != null && justification.length() > MAX_JUSTIFICATION) {
        throw new IllegalArgumentException("coach.justification: longer than " + MAX_JUSTIFICATION);
      }
      if ((justification == null) != (acknowledgedAt == null)) {
        throw new IllegalArgumentException("coach: justification and acknowledgedAt go together");
      }
    }

    Instant expiresAt() {
      return acknowledgedAt == null
          ? heldAt.plus(HELD_RETENTION)
          : acknowledgedAt.plusSeconds(windowSeconds);
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final LedgerStore<Entry> store;

  /** An in-memory ledger (forgotten on restart). */
  public CoachLedger() {
    this(LedgerStore.memory(), List.of(), Instant.now());
  }

  private CoachLedger(LedgerStore<Entry> store, List<Entry> loaded, Instant now) {
    this.store = store;
    for (Entry e : loaded) {
      entries.remove(e.decisionId());
      entries.put(e.decisionId(), e);
    }
    prune(now);
    evictBeyond(CAPACITY, now);
  }

  /**
   * Opens the persistent ledger at {@code file}. Never fails for bad content: a file that does not
   * verify is quarantined and the ledger starts empty ({@link #problem()} says why).
   *
   * @throws IOException if the state directory cannot be read or written at all
   */
  public static CoachLedger open(Path file, LedgerKey key, Clock clock) throws IOException {
    LedgerJournal.Loaded<Entry> loaded = LedgerJournal.open(file, "coach", Entry.class, key, clock);
    return new CoachLedger(LedgerStore.journal(loaded, "coach"), loaded.records(), clock.instant());
  }

  /** Remembers a held request so the status page can acknowledge it. */
  public void hold(Held request) {
    hold(request, Instant.now());
  }

  /** Remembers a held request, held at {@code now}. */
  public synchronized void hold(Held request, Instant now) {
    put(
        new Entry(
            request.decisionId(),
            request.key(),
            request.reason(),
            Math.max(1, request.window().toSeconds()),
            now,
            null,
            null),
        now);
  }

  /** The held request with {@code decisionId}, if still remembered. */
  public synchronized Optional<Held> held(String decisionId) {
    Entry e = entries.get(decisionId);
    return e == null
        ? Optional.empty()
        : Optional.of(
            new Held(e.decisionId(), e.key(), e.reason(), Duration.ofSeconds(e.windowSeconds())));
  }

  /**
   * Records the developer's acknowledgement of held request {@code decisionId}, valid for {@code
   * window} (the policy's coach window now) from {@code now}.
   *
   * @throws IllegalArgumentException if the justification is blank or too short, or the request is
   *     unknown
   */
  public synchronized Acknowledgement acknowledge(
      String decisionId, String justification, Duration window, Instant now) {
    Entry held = entries.get(decisionId);
    if (held == null) {
      throw new IllegalArgumentException("no held request " + decisionId);
    }
    String text = justification == null ? "" : justification.strip().replaceAll("\\p{Cntrl}", " ");
    if (text.length() < 5) {
      throw new IllegalArgumentException("a justification of at least 5 characters is required");
    }
    if (text.length() > MAX_JUSTIFICATION) {
      text = text.substring(0, MAX_JUSTIFICATION);
    }
    long seconds = Math.max(1, Math.min(held.windowSeconds(), window.toSeconds()));
    Entry acked =
        new Entry(decisionId, held.key(), held.reason(), seconds, held.heldAt(), text, now);
    put(acked, now);
    return ack(acked, Duration.ofSeconds(seconds));
  }

  /**
   * Acknowledges with the window stored when the request was held (status page, tests).
   *
   * @see #acknowledge(String, String, Duration, Instant)
   */
  public Acknowledgement acknowledge(String decisionId, String justification, Instant now) {
    Duration window =
        held(decisionId)
            .map(Held::window)
            .orElseThrow(() -> new IllegalArgumentException("no held request " + decisionId));
    return acknowledge(decisionId, justification, window, now);
  }

  /**
   * The newest acknowledgement covering {@code key} at {@code now} under the current policy's coach
   * {@code window} (measured from the acknowledgement, never longer than when acknowledged).
   */
  public synchronized Optional<Acknowledgement> acknowledged(
      RequestKey key, Instant now, Duration window) {
    Acknowledgement found = null;
    for (Entry e : entries.values()) {
      if (e.acknowledgedAt() == null || !e.key().equals(key)) {
        continue;
      }
      Duration effective = Duration.ofSeconds(e.windowSeconds());
      if (window.compareTo(effective) < 0) {
        effective = window;
      }
      Acknowledgement a = ack(e, effective);
      if (!e.acknowledgedAt().isAfter(now) && now.isBefore(a.until())) {
        found = a;
      }
    }
    return Optional.ofNullable(found);
  }

  /** As {@link #acknowledged(RequestKey, Instant, Duration)} with the window stored (display). */
  public Optional<Acknowledgement> acknowledged(RequestKey key, Instant now) {
    return acknowledged(key, now, Duration.ofSeconds(Long.MAX_VALUE / 4));
  }

  /** Drops expired entries (and compacts the file if any were dropped). */
  public synchronized void prune(Instant now) {
    if (entries.values().removeIf(e -> !now.isBefore(e.expiresAt()))) {
      store.rewrite(entries.values());
    }
  }

  /** Entries remembered now. */
  public synchronized int size() {
    return entries.size();
  }

  /** Why the persisted ledger was quarantined or cannot be written, or {@code null}. */
  public String problem() {
    return store.problem();
  }

  private void put(Entry e, Instant now) {
    entries.remove(e.decisionId());
    if (entries.size() >= CAPACITY) {
      prune(now);
      evictBeyond(CAPACITY - CAPACITY / 8 - 1, now);
    }
    entries.put(e.decisionId(), e);
    store.append(e, entries.values());
  }

  /** Evicts the oldest entries until at most {@code max} remain. */
  private void evictBeyond(int max, Instant now) {
    if (entries.size() <= max) {
      return;
    }
    List<String> ids = new ArrayList<>(entries.keySet());
    int drop = entries.size() - max;
    for (int i = 0; i < drop; i++) {
      entries.remove(ids.get(i));
    }
    LOG.log(System.Logger.Level.WARNING, "coach ledger full: {0} oldest entries evicted", drop);
    store.rewrite(entries.values());
  }

  private static Acknowledgement ack(Entry e, Duration window) {
    return new Acknowledgement(
        e.decisionId(), e.justification(), e.acknowledgedAt(), e.acknowledgedAt().plus(window));
  }
}
