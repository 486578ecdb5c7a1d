package dev.tether.agent.enforce;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trace id of each recent decision, so records audited after the decision (enforcement, an
 * upstream failure) carry the same trace id as its pipeline records. Bounded to {@value #MAX}
 * decisions, oldest forgotten first (a forgotten one is audited without a trace id). Thread-safe.
 */
final class RecentTraces {
  static final int MAX = 4096;

  private final Map<String, String> byDecision =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX;
        }
      };

  synchronized void put(String decisionId, String traceId) {
    if (traceId != null) {
      byDecision.put(decisionId, traceId);
    }
  }

  /** The trace id of {@code decisionId}, or {@code null} (untraced or forgotten). */
  synchronized String get(String decisionId) {
    return byDecision.get(decisionId);
  }
}
