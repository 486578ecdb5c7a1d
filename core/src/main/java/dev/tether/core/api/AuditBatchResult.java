package dev.tether.core.api;

/**
 * @param accepted events stored by this call
 * @param duplicates events already stored earlier (same event id), skipped
 */
public record AuditBatchResult(int accepted, int duplicates) {}
