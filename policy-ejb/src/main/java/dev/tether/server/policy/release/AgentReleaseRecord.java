package dev.tether.server.policy.release;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One published agent release of a tenant for a platform. Append-only: (tenant, platform, counter)
 * is unique and rows are never changed. The signed envelope is derived from these fields at fetch
 * time (re-signed per validity window), so a record never goes stale.
 */
@Entity
@Table(
    name = "TETHER_AGENT_RELEASE",
    uniqueConstraints =
        @UniqueConstraint(
            name = "TETHER_AGENT_RELEASE_COUNTER",
            columnNames = {"tenant", "platform", "releaseCounter"}))
public class AgentReleaseRecord {
  /** {@code tenant/platform/counter}. */
  @Id
  @Column(length = 200)
  String id;

  @Column(nullable = false, length = 63)
  String tenant;

  @Column(nullable = false, length = 63)
  String platform;

  @Column(nullable = false, length = 100)
  String version;

  long releaseCounter;

  @Column(nullable = false, length = 128)
  String artifact;

  long artifactSize;

  @Column(nullable = false, length = 80)
  String sha256;

  @Column(nullable = false, length = 100)
  String minimumVersion;

  long publishedAtMillis;

  @Column(length = 200)
  String actor;

  @Column(length = 500)
  String note;

  protected AgentReleaseRecord() {}

  AgentReleaseRecord(
      String tenant,
      String platform,
      String version,
      long counter,
      String artifact,
      long size,
      String sha256,
      String minimumVersion,
      long publishedAtMillis,
      String actor,
      String note) {
    this.id = tenant + "/" + platform + "/" + counter;
    this.tenant = tenant;
    this.platform = platform;
    this.version = version;
    this.releaseCounter = counter;
    this.artifact = artifact;
    this.artifactSize = size;
    this.sha256 = sha256;
    this.minimumVersion = minimumVersion;
    this.publishedAtMillis = publishedAtMillis;
    this.actor = actor;
    this.note = note;
  }
}
