package dev.tether.core.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An escalation to the cloud judge ({@code POST} {@link AgentApi#JUDGE}): what the on-device judge
 * was unsure about, <b>redacted</b>. The agent builds it only from text in which every rule finding
 * has been replaced by its typed placeholder (e.g. {@code [AWS_ACCESS_KEY_1]}); the raw payload
 * never leaves the device. Bounded in every field.
 *
 * @param decisionId the decision this escalation belongs to (UUID), shared with its audit records
 * @param redactedText the prompt text with every finding replaced by its placeholder, at most
 *     {@value #MAX_TEXT_CHARS} characters (the agent sends the bounded window set it judged)
 * @param destinationHost the AI host the request was for
 * @param provider the AI provider recognised at that host
 * @param app the application (process) that sent it, or {@code null} when unknown
 * @param findingCounts rule findings by type ({@code aws-access-key -> 2}); types and counts only
 * @param payloadChars size of the original (unredacted, unbounded) prompt text in characters
 * @param localLabel the on-device judge's label
 * @param localConfidence its calibrated confidence, 0..1
 * @param localModel the on-device model, {@code id@version}
 */
public record JudgeRequest(
    String decisionId,
    String redactedText,
    String destinationHost,
    String provider,
    String app,
    Map<String, Integer> findingCounts,
    long payloadChars,
    String localLabel,
    double localConfidence,
    String localModel) {

  /** Longest redacted text accepted. */
  public static final int MAX_TEXT_CHARS = 32 * 1024;

  private static final int MAX_FIELD = 255;
  private static final int MAX_FINDING_TYPES = 64;

  public JudgeRequest {
    try {
      decisionId = UUID.fromString(require("decisionId", decisionId)).toString();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("judgeRequest.decisionId: expected a UUID");
    }
    require("redactedText", redactedText);
    if (redactedText.length() > MAX_TEXT_CHARS) {
      throw new IllegalArgumentException(
          "judgeRequest.redactedText: at most "
              + MAX_TEXT_CHARS
              + " characters, got "
              + redactedText.length());
    }
    bounded("destinationHost", require("destinationHost", destinationHost));
    bounded("provider", require("provider", provider));
    bounded("app", app);
    findingCounts = findingCounts == null ? Map.of() : new TreeMap<>(findingCounts);
    if (findingCounts.size() > MAX_FINDING_TYPES) {
      throw new IllegalArgumentException(
          "judgeRequest.findingCounts: at most "
              + MAX_FINDING_TYPES
              + " types, got "
              + findingCounts.size());
    }
    findingCounts.forEach(
        (type, count) -> {
          bounded("findingCounts", type);
          if (count == null || count < 0) {
            throw new IllegalArgumentException(
                "judgeRequest.findingCounts." + type + ": expected a count >= 0, got " + count);
          }
        });
    findingCounts = Map.copyOf(findingCounts);
    if (payloadChars < 0) {
      throw new IllegalArgumentException(
          "judgeRequest.payloadChars: expected >= 0, got " + payloadChars);
    }
    bounded("localLabel", require("localLabel", localLabel));
    if (!(localConfidence >= 0.0 && localConfidence <= 1.0)) {
      throw new IllegalArgumentException(
          "judgeRequest.localConfidence: expected 0..1, got " + localConfidence);
    }
    bounded("localModel", require("localModel", localModel));
  }

  @Override
  public String toString() {
    return "JudgeRequest[decision="
        + decisionId
        + ", text="
        + redactedText.length()
        + " chars, local="
        + localLabel
        + "@"
        + localConfidence
        + "]";
  }

  private static String require(String key, String value) {
    if (value == null) {
      throw new IllegalArgumentException("judgeRequest." + key + ": required");
    }
    return value;
  }

  private static void bounded(String key, String value) {
    if (value != null && value.length() > MAX_FIELD) {
      throw new IllegalArgumentException(
          "judgeRequest." + key + ": at most " + MAX_FIELD + " characters, got " + value.length());
    }
  }
}
