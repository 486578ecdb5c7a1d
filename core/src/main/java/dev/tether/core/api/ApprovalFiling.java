package dev.tether.core.api;

import java.util.Objects;

/**
 * A device files a Request-mode approval request ({@code POST /api/v1/agent/approvals}). Carries no
 * payload: the request is identified by its content digest, user and destination.
 *
 * @param requestId the decision id that asked for approval (UUID); idempotent per device
 * @param contentDigest {@code sha256:} digest of the request body
 * @param osUser the OS account that sent it
 * @param destinationHost where it was going
 * @param reason why approval is needed (detector ids and policy words, never content)
 * @param policyVersion the policy version in force
 */
public record ApprovalFiling(
    String requestId,
    String contentDigest,
    String osUser,
    String destinationHost,
    String reason,
    long policyVersion) {

  /** Longest reason kept (longer is cut). */
  public static final int MAX_REASON = 500;

  public ApprovalFiling {
    requestId = Objects.requireNonNull(requestId, "approval.requestId: required");
    if (!requestId.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      throw new IllegalArgumentException("approval.requestId: expected a UUID, got " + requestId);
    }
    if (contentDigest == null || !contentDigest.matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalArgumentException("approval.contentDigest: expected sha256:<64 hex>");
    }
    osUser = bounded("osUser", osUser == null ? "" : osUser);
    destinationHost = bounded("destinationHost", destinationHost);
    reason =
        reason == null
            ? ""
            : reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    if (policyVersion < 0) {
      throw new IllegalArgumentException("approval.policyVersion: expected >= 0");
    }
  }

  private static String bounded(String key, String value) {
    if (value == null || value.length() > 255) {
      throw new IllegalArgumentException("approval." + key + ": expected at most 255 characters");
    }
    return value;
  }
}
