package dev.tether.server.policy;

/** A device group as listed to admins. */
public record GroupSummary(String id, String name) {}
