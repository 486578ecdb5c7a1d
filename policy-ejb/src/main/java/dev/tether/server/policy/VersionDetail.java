package dev.tether.server.policy;

import dev.tether.core.policy.PolicyDocument;

/** One version of a group's policy: its history entry and content. */
public record VersionDetail(PublishedVersion version, PolicyDocument policy) {}
