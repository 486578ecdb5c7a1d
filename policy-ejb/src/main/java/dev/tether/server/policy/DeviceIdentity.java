package dev.tether.server.policy;

/** The device an agent request authenticated as; tenant and group come from the server only. */
public record DeviceIdentity(String deviceId, String tenant, String group) {}
