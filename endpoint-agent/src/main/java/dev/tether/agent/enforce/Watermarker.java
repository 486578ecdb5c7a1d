package dev.tether.agent.enforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts {@link WatermarkCodec} markers into the prompt text of a JSON request body ({@link
 * PromptText}): {@code copies} markers spread over the word boundaries of the newest user turn,
 * inserted right after a literal space (never inside a JSON escape), else at the start and end of
 * the string. Everything else in the body keeps its bytes.
 */
final class Watermarker {
  private Watermarker() {}

  /** The marked body and the fingerprint of the text that was marked. */
  record Marked(String body, String fingerprint, int copies) {}

  /** Marks {@code json}; empty when it has no prompt text (not JSON, or no text field). */
  static Optional<Marked> mark(String json, String decisionId, int copies) {
    Optional<PromptText.Span> found = PromptText.lastPrompt(json);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    PromptText.Span span = found.get();
    String marker = WatermarkCodec.encode(decisionId);
    List<Integer> spaces = new ArrayList<>();
    for (int i = span.open() + 1; i < span.close(); i++) {
      if (json.charAt(i) == ' ') {
        spaces.add(i + 1);
      }
    }
    List<Integer> at = new ArrayList<>();
    if (spaces.isEmpty()) {
      at.add(span.open() + 1);
      if (copies > 1) {
        at.add(span.close());
      }
    } else {
      int n = Math.min(copies, spaces.size());
      for (int k = 0; k < n; k++) {
        int index = (int) ((long) k * spaces.size() / n + spaces.size() / (2L * n));
        int pos = spaces.get(Math.min(index, spaces.size() - 1));
        if (!at.contains(pos)) {
          at.add(pos);
        }
      }
    }
    StringBuilder out = new StringBuilder(json.length() + at.size() * marker.length());
    int copied = 0;
    for (int pos : at) {
      out.append(json, copied, pos).append(marker);
      copied = pos;
    }
    out.append(json, copied, json.length());
    String text = json.substring(span.open() + 1, span.close());
    return Optional.of(new Marked(out.toString(), Fingerprint.of(text), at.size()));
  }
}
