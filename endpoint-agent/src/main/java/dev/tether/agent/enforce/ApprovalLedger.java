package dev.tether.agent.enforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Request mode's memory in the agent: approval requests this device filed (by decision id) and
 * their state as last learned from the console. A request is filed once per {@link RequestKey}
 * while it is pending; retries answer "pending". Bounded ({@value #CAPACITY}, oldest dropped).
 * Thread-safe.
 */
public final class ApprovalLedger {
  public static final int CAPACITY = 1024;

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
   * One approval request.
   *
   * @param decisionId the decision that asked for approval (also the request's id at the console)
   * @param key what the approval covers
   * @param reason why approval is needed (no payload)
   * @param policyVersion policy in force
   * @param state current state
   * @param validUntil end of an approval's validity, else {@code null}
   * @param decisionNote the approver's reason, when decided
   */
  public record Filed(
      String decisionId,
      RequestKey key,
      String reason,
      long policyVersion,
      State state,
      Instant validUntil,
      String decisionNote) {
    public Filed {
      Objects.requireNonNull(decisionId, "decisionId");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(state, "state");
    }

    Filed with(State newState, Instant until, String note) {
      return new Filed(decisionId, key, reason, policyVersion, newState, until, note);
    }
  }

  private final Map<String, Filed> filed =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Filed> eldest) {
          return size() > CAPACITY;
        }
      };

  /**
   * The open request for {@code key} (UNSENT, PENDING, or APPROVED and still valid at {@code now}),
   * newest first.
   */
  public synchronized Optional<Filed> open(RequestKey key, Instant now) {
    Filed found = null;
    for (Filed f : filed.values()) {
      if (!f.key().equals(key)) {
        continue;
      }
      boolean live =
          f.state() == State.UNSENT
              || f.state() == State.PENDING
              || (f.state() == State.APPROVED
                  && f.validUntil() != null
                  && now.isBefore(f.validUntil()));
      if (live) {
        found = f;
      }
    }
    return Optional.ofNullable(found);
  }

  private volatile Runnable onAdded = () -> {};

  /** Runs {@code listener} after each new request (e.g. to send it to the console right away). */
  public void onAdded(Runnable listener) {
    this.onAdded = java.util.Objects.requireNonNull(listener);
  }

  /** Records a new request to file, then tells the listener ({@link #onAdded}). */
  public Filed add(String decisionId, RequestKey key, String reason, long version) {
    Filed f = new Filed(decisionId, key, reason, version, State.UNSENT, null, null);
    synchronized (this) {
      filed.put(decisionId, f);
    }
    try {
      onAdded.run();
    } catch (RuntimeException e) {
      // the periodic sync still sends it
    }
    return f;
  }

  /** Updates a request's state from the console's answer; unknown ids are ignored. */
  public synchronized void update(
      String decisionId, State state, Instant validUntil, String decisionNote) {
    filed.computeIfPresent(decisionId, (id, f) -> f.with(state, validUntil, decisionNote));
  }

  /** Requests not yet accepted by the console. */
  public synchronized List<Filed> unsent() {
    return filed.values().stream().filter(f -> f.state() == State.UNSENT).toList();
  }

  /** Every remembered request, newest first. */
  public synchronized List<Filed> newestFirst() {
    List<Filed> list = new ArrayList<>(filed.values());
    java.util.Collections.reverse(list);
    return list;
  }

  public synchronized Optional<Filed> find(String decisionId) {
    return Optional.ofNullable(filed.get(decisionId));
  }
}
