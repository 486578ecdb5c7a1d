package dev.tether.server.policy;

/** One published version with the group it belongs to (a tenant's whole change history). */
public record GroupVersion(String group, PublishedVersion version) {}
