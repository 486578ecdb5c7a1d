package dev.tether.agent.enforce;

import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The last {@value #CAPACITY} decisions, for the local status page. Holds no payload: host, mode,
 * reason (detector ids and policy words) and, for Coach and Request, what the developer can do.
 * Thread-safe; the oldest entry is dropped when full.
 */
public final class RecentDecisions {
  public static final int CAPACITY = 200;

  private final Deque<Entry> entries = new ArrayDeque<>();

  /**
   * One decision as shown to the developer.
   *
   * @param decisionId the decision id
   * @param at when it was decided
   * @param host destination host
   * @param mode the mode applied
   * @param reason why (no payload content)
   * @param note what happened or what to do next (e.g. "acknowledged", "approval pending")
   */
  public record Entry(
      String decisionId, Instant at, String host, ResponseMode mode, String reason, String note) {
    public Entry {
      Objects.requireNonNull(decisionId, "decisionId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(mode, "mode");
      reason = reason == null ? "" : reason;
      note = note == null ? "" : note;
    }
  }

  public synchronized void add(Entry entry) {
    if (entries.size() >= CAPACITY) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  /** Newest first. */
  public synchronized List<Entry> newestFirst() {
    List<Entry> list = new ArrayList<>(entries);
    java.util.Collections.reverse(list);
    return list;
  }

  public synchronized Optional<Entry> find(String decisionId) {
    return entries.stream().filter(e -> e.decisionId().equals(decisionId)).findFirst();
  }
}
