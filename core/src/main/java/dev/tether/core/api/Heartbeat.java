package dev.tether.core.api;

/**
 * @param state the agent's policy state, e.g. {@code ENFORCING}, {@code NO_POLICY}
 * @param policyVersion the version being enforced, 0 when none
 * @param agentVersion the agent's version
 * @param auditBacklog audit events spooled but not yet uploaded
 */
public record Heartbeat(String state, long policyVersion, String agentVersion, long auditBacklog) {}
