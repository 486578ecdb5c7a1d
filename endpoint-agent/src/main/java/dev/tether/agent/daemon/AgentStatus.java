package dev.tether.agent.daemon;

import java.time.Instant;

/**
 * What {@code status.json} holds; rewritten atomically by the daemon on every change.
 *
 * @param pid the daemon's pid
 * @param running false once the daemon shut down cleanly
 * @param deviceId enrolled device id
 * @param state policy state ({@code NO_POLICY}, {@code ENFORCING}, {@code EXPIRED})
 * @param policyName name of the verified policy, if any
 * @param policyVersion its version, 0 when none
 * @param policyExpiresAt its expiry, if any
 * @param proxyAddress the bound proxy address
 * @param auditBacklog audit records not yet acknowledged by the server
 * @param refusedOverloaded requests refused unaudited because the agent was overloaded, since start
 * @param lastSyncError last policy/heartbeat/audit error, or null
 * @param updatedAt when this file was written
 */
public record AgentStatus(
    long pid,
    boolean running,
    String deviceId,
    String state,
    String policyName,
    long policyVersion,
    Instant policyExpiresAt,
    String proxyAddress,
    long auditBacklog,
    long refusedOverloaded,
    String lastSyncError,
    Instant updatedAt) {}
