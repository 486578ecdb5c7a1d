package dev.tether.core.api;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of one approval request as the console knows it.
 *
 * @param requestId the request (the decision id the device filed it under)
 * @param state {@code PENDING}, {@code APPROVED}, {@code DENIED} or {@code EXPIRED}
 * @param validUntil until when an approval allows the request; {@code null} otherwise
 * @param note the approver's reason, when decided
 * @param decidedAt when it was decided, or {@code null}
 */
public record ApprovalStatus(
    String requestId, String state, Instant validUntil, String note, Instant decidedAt) {
  public ApprovalStatus {
    Objects.requireNonNull(requestId, "approval.requestId: required");
    Objects.requireNonNull(state, "approval.state: required");
  }
}
