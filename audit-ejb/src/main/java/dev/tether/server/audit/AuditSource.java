package dev.tether.server.audit;

/**
 * The authenticated device a batch came from; tenant and group are the server's, never the body's.
 */
public record AuditSource(String tenant, String group, String deviceId) {}
