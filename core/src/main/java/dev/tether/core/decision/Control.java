package dev.tether.core.decision;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One control that fired during a decision; becomes one audit record and one set of attributes on
 * the stage's trace span. Carries no payload content.
 *
 * @param layer which control
 * @param mode the response it asks for
 * @param code stable machine-readable code, e.g. {@code credential_detected}
 * @param reason short explanation, never payload content
 * @param detectorIds detectors that fired (RULE layer)
 * @param findingCount number of findings (RULE layer)
 * @param findingTypes finding count per finding type (RULE layer), sorted by type
 * @param classification the judge's label (JUDGE layer), or {@code null}
 * @param confidence the judge's confidence in {@code [0, 1]} (JUDGE layer), or {@code null}
 * @param escalated whether the redacted payload was sent to the cloud judge
 * @param redactable whether Redact can replace these findings in the request as sent; false for
 *     findings only seen in decoded attachment text (a base64 file, a MIME-encoded part), which
 *     {@link ModeMapping} answers with BLOCK instead of REDACT
 */
public record Control(
    AuditLayer layer,
    ResponseMode mode,
    String code,
    String reason,
    List<String> detectorIds,
    int findingCount,
    Map<String, Integer> findingTypes,
    String classification,
    Double confidence,
    boolean escalated,
    boolean redactable) {
  public Control {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
    detectorIds = detectorIds == null ? List.of() : List.copyOf(detectorIds);
    if (findingCount < 0) {
      throw new IllegalArgumentException(
          "control.findingCount: expected >= 0, got " + findingCount);
    }
    findingTypes = findingTypes == null ? Map.of() : Map.copyOf(new TreeMap<>(findingTypes));
    if (confidence != null && !(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException(
          "control.confidence: expected a value in [0, 1], got " + confidence);
    }
  }

  /** A control whose findings (if any) can be redacted in place. */
  public Control(
      AuditLayer layer,
      ResponseMode mode,
      String code,
      String reason,
      List<String> detectorIds,
      int findingCount,
      Map<String, Integer> findingTypes,
      String classification,
      Double confidence,
      boolean escalated) {
    this(
        layer,
        mode,
        code,
        reason,
        detectorIds,
        findingCount,
        findingTypes,
        classification,
        confidence,
        escalated,
        true);
  }

  /** A RULE control: detectors that fired, their finding count and the count per finding type. */
  public Control(
      AuditLayer layer,
      ResponseMode mode,
      String code,
      String reason,
      List<String> detectorIds,
      int findingCount,
      Map<String, Integer> findingTypes) {
    this(layer, mode, code, reason, detectorIds, findingCount, findingTypes, null, null, false);
  }

  /** A control with detector ids and a finding count only. */
  public Control(
      AuditLayer layer,
      ResponseMode mode,
      String code,
      String reason,
      List<String> detectorIds,
      int findingCount) {
    this(layer, mode, code, reason, detectorIds, findingCount, null, null, null, false);
  }

  /** This control asking for {@code other} instead. */
  public Control withMode(ResponseMode other) {
    return new Control(
        layer,
        other,
        code,
        reason,
        detectorIds,
        findingCount,
        findingTypes,
        classification,
        confidence,
        escalated,
        redactable);
  }

  /** This control marked as not redactable in place (findings in decoded attachment text). */
  public Control notRedactable() {
    return new Control(
        layer,
        mode,
        code,
        reason,
        detectorIds,
        findingCount,
        findingTypes,
        classification,
        confidence,
        escalated,
        false);
  }

  /** A control without detector details. */
  public static Control of(AuditLayer layer, ResponseMode mode, String code, String reason) {
    return new Control(layer, mode, code, reason, List.of(), 0);
  }

  /** A JUDGE control with the verdict that decided it. */
  public static Control judge(
      ResponseMode mode,
      String code,
      String reason,
      String classification,
      double confidence,
      boolean escalated) {
    return new Control(
        AuditLayer.JUDGE,
        mode,
        code,
        reason,
        List.of(),
        0,
        null,
        classification,
        confidence,
        escalated);
  }
}
