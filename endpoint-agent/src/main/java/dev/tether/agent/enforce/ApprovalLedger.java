package dev.tether.agent.enforce;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Request mode's memory in the agent: approval requests this device filed (by decision id, which is
 * also the request's id at the console) and their state as last learned from the console. A request
 * is filed once per {@link RequestKey} while it is pending; retries answer "pending". Kept in
 * memory, and in a {@code LedgerJournal} in the state directory when opened with {@link #open}, so
 * a pending request survives a restart and {@link ApprovalSync} picks up a grant made meanwhile.
 *
 * <p>Guarantees: an approval only allows the same request, until the console's {@code validUntil}
 * and within the current policy's approval window measured from the decision ({@link
 * #open(RequestKey, Instant, Duration)} checks at use). Bounded: at most {@value #CAPACITY}
 * requests (expired ones pruned first, then the oldest); undecided requests are kept {@link
 * #PENDING_RETENTION}, denied/expired ones {@link #DECIDED_RETENTION} for the status page. A
 * failure to persist is reported by {@link #problem()}. Thread-safe.
 */
public final class ApprovalLedger {
  public static final int CAPACITY = 1024;

  /** How long an undecided request is remembered. */
  public static final Duration PENDING_RETENTION = Duration.ofDays(7);

  /** How long a denied or expired request stays visible. */
  public static final Duration DECIDED_RETENTION = Duration.ofDays(1);

  /** Lifecycle of one request, as the agent knows it. */
  public enum State {
    /** Not yet accepted by the console (filing in progress or retrying). */
    UNSENT,
    PENDING,
    APPROVED,
    DENIED,
    EXPIRED
  }

  /**
   * One approval request (also its persisted form).
   *
   * @param decisionId the decision that asked for approval (also the request's id at the console)
   * @param key what the approval covers
   * @param reason why approval is needed (no payload)
   * @param policyVersion policy in force
   * @param state current state
   * @param validUntil end of an approval's validity, else {@code null}
   * @param decisionNote the approver's reason, when decided
   * @param filedAt when the request was recorded here
   * @param decidedAt when the console decided it, else {@code null}
   */
  public record Filed(
      String decisionId,
      RequestKey key,
      String reason,
      long policyVersion,
      State state,
      Instant validUntil,
      String decisionNote,
      Instant filedAt,
      Instant decidedAt) {
    public Filed {
      LedgerLimits.id("approval.decisionId", decisionId);
      LedgerLimits.key("approval.key", key);
      Objects.requireNonNull(state, "approval.state: required");
      Objects.requireNonNull(filedAt, "approval.filedAt: required");
      reason = LedgerLimits.cut(reason, LedgerLimits.MAX_REASON);
      decisionNote = LedgerLimits.cut(decisionNote, LedgerLimits.MAX_REASON);
    }

    Filed with(State newState, Instant until, String note, Instant decided) {
      return new Filed(
          decisionId, key, reason, policyVersion, newState, until, note, filedAt, decided);
    }

    /** True if this approval allows its request at {@code now} under {@code window}. */
    boolean grants(Instant now, Duration window) {
      return state == State.APPROVED
          && validUntil != null
          && decidedAt != null
          && now.isBefore(validUntil)
          && now.isBefore(decidedAt.plus(window));
    }

    Instant forgetAt() {
      return switch (state) {
        case UNSENT, PENDING -> filedAt.plus(PENDING_RETENTION);
        case APPROVED -> validUntil == null ? filedAt : validUntil;
        case DENIED, EXPIRED -> (decidedAt == null ? filedAt : decidedAt).plus(DECIDED_RETENTION);
      };
    }
  }

  private final Map<String, Filed> filed = new LinkedHashMap<>();
  private final LedgerStore<Filed> store;
  private final Clock clock;
  private volatile Runnable onAdded = () -> {};

  /** An in-memory ledger (forgotten on restart). */
  public ApprovalLedger() {
    this(LedgerStore.memory(), List.of(), Clock.systemUTC());
  }

  private ApprovalLedger(LedgerStore<Filed> store, List<Filed> loaded, Clock clock) {
    this.store = store;
    this.clock = clock;
    for (Filed f : loaded) {
      filed.put(f.decisionId(), f); // a later line updates in place: filing order is kept
    }
    prune(clock.instant());
    evictBeyond(CAPACITY);
  }

  /**
   * Opens the persistent ledger at {@code file}. Never fails for bad content: a file that does not
   * verify is quarantined and the ledger starts empty ({@link #problem()} says why).
   *
   * @throws IOException if the state directory cannot be read or written at all
   */
  public static ApprovalLedger open(Path file, LedgerKey key, Clock clock) throws IOException {
    LedgerJournal.Loaded<Filed> loaded =
        LedgerJournal.open(file, "approvals", Filed.class, key, clock);
    return new ApprovalLedger(LedgerStore.journal(loaded, "approval"), loaded.records(), clock);
  }

  /**
   * The open request for {@code key}, newest first: UNSENT, PENDING, or APPROVED and granting at
   * {@code now} under the current policy's approval {@code window}.
   */
  public synchronized Optional<Filed> open(RequestKey key, Instant now, Duration window) {
    Filed found = null;
    for (Filed f : filed.values()) {
      if (f.key().equals(key)
          && (f.state() == State.UNSENT || f.state() == State.PENDING || f.grants(now, window))) {
        found = f;
      }
    }
    return Optional.ofNullable(found);
  }

  /** As {@link #open(RequestKey, Instant, Duration)}, bounded by the console's validity only. */
  public Optional<Filed> open(RequestKey key, Instant now) {
    return open(key, now, Duration.ofDays(365 * 100));
  }

  /** Runs {@code listener} after each new request (e.g. to send it to the console right away). */
  public void onAdded(Runnable listener) {
    this.onAdded = Objects.requireNonNull(listener);
  }

  /** Records (and persists) a new request to file, then tells the listener ({@link #onAdded}). */
  public Filed add(String decisionId, RequestKey key, String reason, long version) {
    Filed f =
        new Filed(
            decisionId, key, reason, version, State.UNSENT, null, null, clock.instant(), null);
    synchronized (this) {
      put(f);
    }
    try {
      onAdded.run();
    } catch (RuntimeException e) {
      // the periodic sync still sends it
    }
    return f;
  }

  /**
   * Updates a request's state from the console's answer; unknown ids are ignored, and an unchanged
   * state writes nothing.
   *
   * @param decidedAt when the console decided (for APPROVED: the window is measured from it)
   */
  public synchronized void update(
      String decisionId, State state, Instant validUntil, String decisionNote, Instant decidedAt) {
    Filed old = filed.get(decisionId);
    if (old == null) {
      return;
    }
    Filed updated = old.with(state, validUntil, decisionNote, decidedAt);
    if (!updated.equals(old)) {
      put(updated);
    }
  }

  /** As {@link #update(String, State, Instant, String, Instant)}, decided now. */
  public void update(String decisionId, State state, Instant validUntil, String decisionNote) {
    Instant decided = state == State.UNSENT || state == State.PENDING ? null : clock.instant();
    update(decisionId, state, validUntil, decisionNote, decided);
  }

  /** Requests not yet accepted by the console. */
  public synchronized List<Filed> unsent() {
    return filed.values().stream().filter(f -> f.state() == State.UNSENT).toList();
  }

  /** Every remembered request, newest first. */
  public synchronized List<Filed> newestFirst() {
    List<Filed> list = new ArrayList<>(filed.values());
    Collections.reverse(list);
    return list;
  }

  public synchronized Optional<Filed> find(String decisionId) {
    return Optional.ofNullable(filed.get(decisionId));
  }

  /** Drops requests past their retention (and compacts the file if any were dropped). */
  public synchronized void prune(Instant now) {
    if (filed.values().removeIf(f -> !now.isBefore(f.forgetAt()))) {
      store.rewrite(filed.values());
    }
  }

  /** Why the persisted ledger was quarantined or cannot be written, or {@code null}. */
  public String problem() {
    return store.problem();
  }

  private void put(Filed f) {
    boolean known = filed.containsKey(f.decisionId());
    if (known) {
      filed.put(f.decisionId(), f); // keeps its place: eviction order is filing order
    } else {
      if (filed.size() >= CAPACITY) {
        prune(clock.instant());
        evictBeyond(CAPACITY - CAPACITY / 8 - 1);
      }
      filed.put(f.decisionId(), f);
    }
    store.append(f, filed.values());
  }

  private void evictBeyond(int max) {
    int drop = filed.size() - max;
    if (drop <= 0) {
      return;
    }
    List<String> ids = new ArrayList<>(filed.keySet());
    for (int i = 0; i < drop; i++) {
      filed.remove(ids.get(i));
    }
    System.getLogger(ApprovalLedger.class.getName())
        .log(System.Logger.Level.WARNING, "approval ledger full: {0} oldest evicted", drop);
    store.rewrite(filed.values());
  }
}
