package dev.tether.agent.pipeline;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.util.List;
import java.util.Objects;

/**
 * One control that fired during a decision; becomes one audit record.
 *
 * @param layer which control
 * @param mode the response it asks for
 * @param code stable machine-readable code, e.g. {@code credential_detected}
 * @param reason short explanation, never payload content
 * @param detectorIds detectors that fired (RULE layer)
 * @param findingCount number of findings (RULE layer)
 */
public record Control(
    AuditLayer layer,
    ResponseMode mode,
    String code,
    String reason,
    List<String> detectorIds,
    int findingCount) {
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
  }

  /** A control without detector details. */
  public static Control of(AuditLayer layer, ResponseMode mode, String code, String reason) {
    return new Control(layer, mode, code, reason, List.of(), 0);
  }
}
