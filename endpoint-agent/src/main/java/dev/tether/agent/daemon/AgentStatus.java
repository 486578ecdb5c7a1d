package dev.tether.agent.daemon;

import dev.tether.agent.audit.SpoolStatus;
import dev.tether.agent.telemetry.TelemetryStatus;
import java.time.Instant;

/**
 * What {@code status.json} holds; rewritten atomically by the daemon on every change.
 *
 * @param pid the daemon's pid
 * @param running false once the daemon shut down cleanly
 * @param deviceId enrolled device id
 * @param state agent state ({@code NO_POLICY}, {@code ENFORCING}, {@code GRACE}, {@code FALLBACK})
 * @param policyName name of the last verified policy, if any
 * @param policyVersion its version, 0 when none
 * @param policyExpiresAt its signed expiry, if any
 * @param graceEndsAt when the last verified policy stops being enforced without a refresh (grace
 *     end or expiry, whichever is first), if any
 * @param graceLeftSeconds seconds left in GRACE, or {@code null} outside GRACE
 * @param lastPolicySync trusted time of the last successful refresh, if any
 * @param versionFloor highest policy version ever applied (anti-rollback floor)
 * @param rootVersion version of the tenant root bundles are verified against (root rotation)
 * @param policyCacheProblem why the cached policy (or the trust floor) was rejected at start, or
 *     null
 * @param clockSkewSeconds local clock minus verified server time (negative: local clock behind)
 * @param proxyAddress the bound proxy address
 * @param auditBacklog audit records not yet acknowledged by the server
 * @param refusedOverloaded requests refused unaudited because the agent was overloaded, since start
 * @param lastSyncError last policy/heartbeat/audit error, or null
 * @param updatedAt when this file was written
 * @param audit the audit spool: backlog, oldest pending record, size, damage and full counts
 * @param telemetry decision-trace export: endpoint, spans exported, failed, dropped, queued (absent
 *     in files written by older agents)
 * @param ledgerProblem why the persisted Coach/Request ledgers were quarantined or cannot be
 *     written (the agent then starts them empty: earlier acknowledgements and approvals are
 *     forgotten, nothing extra is allowed), or null when healthy
 */
public record AgentStatus(
    long pid,
    boolean running,
    String deviceId,
    String state,
    String policyName,
    long policyVersion,
    Instant policyExpiresAt,
    Instant graceEndsAt,
    Long graceLeftSeconds,
    Instant lastPolicySync,
    long versionFloor,
    long rootVersion,
    String policyCacheProblem,
    long clockSkewSeconds,
    String proxyAddress,
    long auditBacklog,
    long refusedOverloaded,
    String lastSyncError,
    Instant updatedAt,
    SpoolStatus audit,
    TelemetryStatus telemetry,
    String ledgerProblem) {

  /** This status stamped with the time it is written. */
  AgentStatus stamped(Instant at) {
    return new AgentStatus(
        pid,
        running,
        deviceId,
        state,
        policyName,
        policyVersion,
        policyExpiresAt,
        graceEndsAt,
        graceLeftSeconds,
        lastPolicySync,
        versionFloor,
        rootVersion,
        policyCacheProblem,
        clockSkewSeconds,
        proxyAddress,
        auditBacklog,
        refusedOverloaded,
        lastSyncError,
        at,
        audit,
        telemetry,
        ledgerProblem);
  }
}
