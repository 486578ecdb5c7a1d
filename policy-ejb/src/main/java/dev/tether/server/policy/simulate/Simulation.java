package dev.tether.server.policy.simulate;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ModeOverride;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.rules.Severity;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a simulation found: every field is safe to show an author (finding values appear only as
 * placeholders inside redacted text).
 *
 * @param policy which policy ran
 * @param stages the agent's stages, in order, that ran for this request
 * @param destination the scope decision for the destination
 * @param app the app the overrides were matched against, or {@code null} (unknown)
 * @param findings rule findings, in payload order (at most {@link #MAX_FINDINGS})
 * @param findingsTruncated true when more findings were found than listed
 * @param redactedPayload the payload with every finding replaced by its placeholder (what Redact
 *     would send; at most {@link #MAX_REDACTED_CHARS} characters)
 * @param judge the judge's classification, or why there is none
 * @param controls every control that fired, with its mode after overrides
 * @param defaultOverride when nothing fired: the override that replaced the policy default, or
 *     {@code null}
 * @param decision the resulting decision
 * @param response what the developer's tool receives
 */
public record Simulation(
    PolicyRef policy,
    List<String> stages,
    DestinationView destination,
    String app,
    List<FindingView> findings,
    boolean findingsTruncated,
    String redactedPayload,
    JudgeView judge,
    List<ControlView> controls,
    OverrideRef defaultOverride,
    DecisionView decision,
    ResponseView response) {
  public static final int MAX_FINDINGS = 200;
  public static final int MAX_REDACTED_CHARS = 16 * 1024;

  public Simulation {
    Objects.requireNonNull(policy, "policy");
    stages = List.copyOf(stages);
    findings = List.copyOf(findings);
    controls = List.copyOf(controls);
  }

  /**
   * @param name the policy's name
   * @param source {@code request}, {@code draft} or {@code published}
   * @param version the published version, 0 otherwise
   */
  public record PolicyRef(String name, String source, long version) {}

  /**
   * @param host the destination
   * @param scope {@code intercepted} (an AI destination of the catalogue), {@code blocked} (on the
   *     blocked list) or {@code not-listed} (not an AI destination of the policy)
   * @param provider the catalogue's provider for the host, or {@code null}
   * @param detail what the agent does with such a connection, in words
   */
  public record DestinationView(String host, String scope, String provider, String detail) {}

  /**
   * @param detectorId detector that matched
   * @param type data type (the placeholder stem)
   * @param family detector family (what {@code detectorModes} keys)
   * @param severity severity
   * @param confidence detector confidence
   * @param start span start in the payload (inclusive)
   * @param end span end (exclusive)
   * @param length the matched value's length
   * @param preview up to 40 characters either side of the finding, every finding in it replaced by
   *     its placeholder
   */
  public record FindingView(
      String detectorId,
      String type,
      String family,
      Severity severity,
      double confidence,
      int start,
      int end,
      int length,
      String preview) {}

  /**
   * @param available whether a judge model classified the payload
   * @param model the model, {@code id@version}
   * @param label its label
   * @param confidence its confidence in the label
   * @param decisionConfidence probability of the labels answering the same mode (compared with the
   *     escalation threshold)
   * @param scores label probabilities
   * @param mode the mode the policy assigns the label (given the findings)
   * @param outcome what the judge stages do with it, in words (sure, escalated, fail-safe)
   */
  public record JudgeView(
      boolean available,
      String model,
      String label,
      Double confidence,
      Double decisionConfidence,
      Map<String, Double> scores,
      ResponseMode mode,
      String outcome) {
    public JudgeView {
      scores = scores == null ? Map.of() : Map.copyOf(scores);
    }
  }

  /**
   * @param layer which control
   * @param mode the mode it asked for
   * @param effectiveMode its mode after overrides (and after unredactable findings turn Redact into
   *     Block)
   * @param code stable code
   * @param reason why, never payload
   * @param detectorIds detectors (rule controls)
   * @param findingCount findings (rule controls)
   * @param override the override that set the effective mode, or {@code null}
   */
  public record ControlView(
      AuditLayer layer,
      ResponseMode mode,
      ResponseMode effectiveMode,
      String code,
      String reason,
      List<String> detectorIds,
      int findingCount,
      OverrideRef override) {
    public ControlView {
      detectorIds = List.copyOf(detectorIds);
    }
  }

  /**
   * @param index position in {@code policy.responses.overrides}
   * @param override the override
   */
  public record OverrideRef(int index, ModeOverride override) {}

  /**
   * @param mode the response mode
   * @param code stable code
   * @param reason why
   * @param forwards whether the request goes upstream
   * @param thenForward for Coach and Request: the mode once acknowledged or approved
   * @param redactDetectors for Redact: the detectors whose findings are replaced
   * @param watermark whether the forwarded text is watermarked
   */
  public record DecisionView(
      ResponseMode mode,
      String code,
      String reason,
      boolean forwards,
      ResponseMode thenForward,
      List<String> redactDetectors,
      boolean watermark) {
    public DecisionView {
      redactDetectors = List.copyOf(redactDetectors);
    }
  }

  /**
   * @param forwarded whether the request reaches the AI service (then the service answers)
   * @param status the status the agent answers with, when not forwarded
   * @param provider the error dialect of {@code body}
   * @param body the JSON body the agent answers with, when not forwarded
   * @param note what else the developer notices (notification, watermark, redaction)
   */
  public record ResponseView(
      boolean forwarded, Integer status, String provider, String body, String note) {}
}
