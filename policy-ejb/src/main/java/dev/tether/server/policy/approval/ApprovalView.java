package dev.tether.server.policy.approval;

import java.time.Instant;

/**
 * An approval request as the admin API shows it (no payload exists to show).
 *
 * @param id server id, used in approve/deny paths
 * @param state PENDING, APPROVED, DENIED or EXPIRED (an approval past its validity)
 */
public record ApprovalView(
    String id,
    String deviceId,
    String groupId,
    String requestId,
    String contentDigest,
    String osUser,
    String destinationHost,
    String reason,
    long policyVersion,
    String state,
    Instant createdAt,
    Instant decidedAt,
    Instant validUntil,
    String note) {}
