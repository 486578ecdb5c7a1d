package dev.tether.core.api;

/**
 * The agent API, relative to the server base URL (e.g. {@code http://localhost:8080/tether}).
 *
 * <ul>
 *   <li>{@code POST /api/v1/agent/enroll}: {@link EnrollRequest} -> {@link EnrollResponse}. No
 *       device credential yet; the single-use enrollment token authenticates.
 *   <li>{@code GET /api/v1/agent/bundle}: the current signed bundle of the device's group, as the
 *       envelope bytes ({@code application/json}) with a strong {@code ETag}; {@code 304} when
 *       {@code If-None-Match} matches; {@code 404} with a problem body when nothing is published.
 *   <li>{@code POST /api/v1/agent/audit-events}: {@link AuditBatch} -> {@link AuditBatchResult};
 *       idempotent per event id.
 *   <li>{@code POST /api/v1/agent/heartbeat}: {@link Heartbeat} -> {@link HeartbeatResponse}
 *       (latest policy and root versions, signed server time).
 *   <li>{@code GET /api/v1/agent/roots?after=N}: {@link RootsResponse}, the tenant's root metadata
 *       versions N+1 onwards (bounded; repeat until {@code latestVersion} is reached).
 *   <li>{@code POST /api/v1/agent/judge}: {@link JudgeRequest} -> {@link JudgeResponse}. The cloud
 *       judge, called only when the on-device judge is unsure and the policy allows escalation
 *       (never in air-gap mode); the request holds only redacted text.
 *   <li>{@code GET /api/v1/agent/releases/{platform}}: the newest signed agent release record of
 *       the platform ({@code dev.tether.core.bundle.AgentRelease} envelope) with a strong {@code
 *       ETag}; {@code 304} on {@code If-None-Match}; {@code 404} when none. {@code
 *       .../releases/{platform}/artifact}: the package bytes.
 * </ul>
 *
 * <p>Every call but enroll carries {@code Authorization: Bearer <deviceCredential>}; the server
 * derives the device (and so tenant and group) from the credential alone, never from the body.
 */
public final class AgentApi {
  public static final String ENROLL = "/api/v1/agent/enroll";
  public static final String BUNDLE = "/api/v1/agent/bundle";
  public static final String AUDIT_EVENTS = "/api/v1/agent/audit-events";
  public static final String HEARTBEAT = "/api/v1/agent/heartbeat";

  /**
   * Request-mode approvals: {@code POST} an {@link ApprovalFiling} -> {@link ApprovalStatus}
   * (idempotent per request id); {@code GET} -> {@link ApprovalList} of this device's requests.
   */
  public static final String APPROVALS = "/api/v1/agent/approvals";

  /** Most approval requests listed for one device. */
  public static final int MAX_APPROVALS = 200;

  public static final String JUDGE = "/api/v1/agent/judge";
  public static final String ROOTS = "/api/v1/agent/roots";

  /** Prefix of the release endpoints; append the platform (and {@code /artifact}). */
  public static final String RELEASES = "/api/v1/agent/releases/";

  /** Most events accepted in one {@link AuditBatch}. */
  public static final int MAX_AUDIT_BATCH = 500;

  private AgentApi() {}
}
