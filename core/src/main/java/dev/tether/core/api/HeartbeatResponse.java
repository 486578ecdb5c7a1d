package dev.tether.core.api;

/**
 * @param latestPolicyVersion newest published version for the device's group, 0 when none
 */
public record HeartbeatResponse(long latestPolicyVersion) {}
