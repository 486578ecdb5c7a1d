package dev.tether.models.judge;

import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Redactor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the judge sees of one request: the prompt text with every rule finding replaced by its typed
 * placeholder, and context that is not payload content.
 *
 * <p>The judge never sees raw secrets or personal data: {@link #of} redacts before anything else,
 * in the trainer and on the device alike, so the model learns and predicts on the same view, and
 * the same redacted text is what an escalation may send.
 *
 * @param redactedText prompt text, every finding replaced by {@code [TYPE_n]}
 * @param originalChars length of the original prompt text
 * @param familyCounts rule findings per detector family (counts only)
 * @param typeCounts rule findings per type (counts only)
 * @param destinationHost the AI host, or {@code null}
 * @param app the sending application (process name), or {@code null} when unknown
 */
public record JudgeInput(
    String redactedText,
    long originalChars,
    Map<String, Integer> familyCounts,
    Map<String, Integer> typeCounts,
    String destinationHost,
    String app) {

  public JudgeInput {
    Objects.requireNonNull(redactedText, "redactedText");
    familyCounts = Map.copyOf(familyCounts);
    typeCounts = Map.copyOf(typeCounts);
    if (originalChars < 0) {
      throw new IllegalArgumentException("judgeInput.originalChars: expected >= 0");
    }
  }

  /** Redacts {@code text} with {@code findings} (spans of {@code text}) and counts them. */
  public static JudgeInput of(
      CharSequence text, List<Finding> findings, String destinationHost, String app) {
    String redacted = Redactor.redact(text, findings).text();
    return ofRedacted(redacted, text.length(), findings, destinationHost, app);
  }

  /**
   * An input from text the caller already redacted with {@code findings} (e.g. the prompt the agent
   * extracted from a redacted request body).
   */
  public static JudgeInput ofRedacted(
      String redactedText,
      long originalChars,
      List<Finding> findings,
      String destinationHost,
      String app) {
    Map<String, Integer> families = new TreeMap<>();
    Map<String, Integer> types = new TreeMap<>();
    for (Finding f : findings) {
      families.merge(f.family(), 1, Integer::sum);
      types.merge(f.type(), 1, Integer::sum);
    }
    return new JudgeInput(redactedText, originalChars, families, types, destinationHost, app);
  }

  @Override
  public String toString() {
    return "JudgeInput[" + redactedText.length() + " chars, findings=" + typeCounts + "]";
  }
}
