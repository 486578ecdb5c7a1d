package dev.tether.server.policy.release;

import java.time.Instant;

/** A published release as the admin API lists it. */
public record ReleaseView(
    String platform,
    String version,
    long counter,
    String artifact,
    long size,
    String sha256,
    String minimumVersion,
    Instant publishedAt,
    String actor,
    String note) {
  static ReleaseView of(AgentReleaseRecord r) {
    return new ReleaseView(
        r.platform,
        r.version,
        r.releaseCounter,
        r.artifact,
        r.artifactSize,
        r.sha256,
        r.minimumVersion,
        Instant.ofEpochMilli(r.publishedAtMillis),
        r.actor,
        r.note);
  }
}
