package dev.tether.server.policy.simulate;

import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Redactor;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings as an author sees them: where, what, and a short preview in which every finding is
 * replaced by its placeholder, so a secret is never echoed, not even in part.
 */
final class FindingViews {
  static final int CONTEXT_CHARS = 40;

  private FindingViews() {}

  static List<Simulation.FindingView> of(String payload, List<Finding> findings) {
    List<Simulation.FindingView> views = new ArrayList<>();
    for (Finding f : findings) {
      if (views.size() >= Simulation.MAX_FINDINGS) {
        break;
      }
      views.add(
          new Simulation.FindingView(
              f.detectorId(),
              f.type(),
              f.family(),
              f.severity(),
              f.confidence(),
              f.start(),
              f.end(),
              f.end() - f.start(),
              preview(payload, findings, f)));
    }
    return views;
  }

  /** The payload with every finding replaced, cut to {@link Simulation#MAX_REDACTED_CHARS}. */
  static String redacted(String payload, List<Finding> findings) {
    String text = Redactor.redact(payload, findings).text();
    return text.length() <= Simulation.MAX_REDACTED_CHARS
        ? text
        : text.substring(0, Simulation.MAX_REDACTED_CHARS) + "…";
  }

  /**
   * The window around {@code focus}, widened to whole findings so none is cut (a cut finding could
   * leave part of a secret readable), with every finding in it redacted.
   */
  static String preview(String payload, List<Finding> all, Finding focus) {
    int start = Math.max(0, focus.start() - CONTEXT_CHARS);
    int end = Math.min(payload.length(), focus.end() + CONTEXT_CHARS);
    boolean widened = true;
    while (widened) {
      widened = false;
      for (Finding f : all) {
        if (f.end() > start && f.start() < end && (f.start() < start || f.end() > end)) {
          start = Math.min(start, f.start());
          end = Math.max(end, f.end());
          widened = true;
        }
      }
    }
    List<Finding> inside = new ArrayList<>();
    for (Finding f : all) {
      if (f.start() >= start && f.end() <= end) {
        inside.add(f.shifted(f.start() - start, f.end() - start));
      }
    }
    String window = Redactor.redact(payload.substring(start, end), inside).text();
    return (start > 0 ? "…" : "") + window + (end < payload.length() ? "…" : "");
  }
}
