package dev.tether.agent.enforce;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Coach mode's memory, in the agent process only: requests held for acknowledgement (by decision
 * id) and acknowledgements (by {@link RequestKey}) with the developer's justification and the time
 * until which a retry of the same request is allowed. Bounded ({@value #CAPACITY} entries each,
 * oldest dropped: a dropped acknowledgement only means the developer is coached again).
 * Thread-safe.
 */
public final class CoachLedger {
  public static final int CAPACITY = 1024;

  /** Longest justification kept (longer is cut). */
  public static final int MAX_JUSTIFICATION = 300;

  private final Map<String, Held> held = lru();
  private final Map<RequestKey, Acknowledgement> acks = lru();

  /** A request waiting for acknowledgement. */
  public record Held(String decisionId, RequestKey key, String reason, Duration window) {
    public Held {
      Objects.requireNonNull(decisionId, "decisionId");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(window, "window");
    }
  }

  /** A developer's acknowledgement, valid until {@code until}. */
  public record Acknowledgement(String decisionId, String justification, Instant until) {}

  /** Remembers a held request so the status page can acknowledge it. */
  public synchronized void hold(Held request) {
    held.put(request.decisionId(), request);
  }

  /** The held request with {@code decisionId}, if still remembered. */
  public synchronized Optional<Held> held(String decisionId) {
    return Optional.ofNullable(held.get(decisionId));
  }

  /**
   * Records the developer's acknowledgement of held request {@code decisionId}.
   *
   * @throws IllegalArgumentException if the justification is blank, or the request is unknown
   */
  public synchronized Acknowledgement acknowledge(
      String decisionId, String justification, Instant now) {
    Held request = held.get(decisionId);
    if (request == null) {
      throw new IllegalArgumentException("no held request " + decisionId);
    }
    String text = justification == null ? "" : justification.strip().replaceAll("\\p{Cntrl}", " ");
    if (text.length() < 5) {
      throw new IllegalArgumentException("a justification of at least 5 characters is required");
    }
    if (text.length() > MAX_JUSTIFICATION) {
      text = text.substring(0, MAX_JUSTIFICATION);
    }
    Acknowledgement ack = new Acknowledgement(decisionId, text, now.plus(request.window()));
    acks.put(request.key(), ack);
    return ack;
  }

  /** The acknowledgement covering {@code key} at {@code now}, if any. */
  public synchronized Optional<Acknowledgement> acknowledged(RequestKey key, Instant now) {
    Acknowledgement ack = acks.get(key);
    if (ack == null || !now.isBefore(ack.until())) {
      return Optional.empty();
    }
    return Optional.of(ack);
  }

  private static <K, V> Map<K, V> lru() {
    return new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > CAPACITY;
      }
    };
  }
}
