package dev.tether.server.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One published, signed bundle and its history entry: who published it, when, why, and (for a
 * rollback or a re-sign) which earlier version's content it carries. (tenant, group, version) is
 * unique; versions only increase; rows are never changed.
 */
@Entity
@Table(
    name = "TETHER_POLICY_VERSION",
    uniqueConstraints =
        @UniqueConstraint(
            name = "TETHER_POLICY_VERSION_NUMBER",
            columnNames = {"tenant", "groupId", "version"}))
public class PolicyVersion {
  /** {@code tenant/group/version}. */
  @Id
  @Column(length = 150)
  String id;

  @Column(nullable = false, length = 63)
  String tenant;

  @Column(nullable = false, length = 63)
  String groupId;

  long version;

  @Lob
  @Column(nullable = false)
  byte[] envelope;

  @Column(nullable = false, length = 80)
  String digest;

  long issuedAtMillis;
  long expiresAtMillis;
  long publishedAtMillis;

  /** {@code sha256:} of the canonical policy JSON (equal content, equal digest). */
  @Column(length = 80)
  String contentDigest;

  /** {@link PublishedVersion.Kind} name. */
  @Column(length = 16)
  String kind;

  /** For a rollback or re-sign: the version whose content was republished; else 0. */
  long sourceVersion;

  @Column(length = 200)
  String actor;

  @Column(length = 500)
  String note;

  @Column(length = 40)
  String signingKeyId;

  protected PolicyVersion() {}

  PolicyVersion(
      String tenant,
      String groupId,
      long version,
      byte[] envelope,
      String digest,
      long issuedAtMillis,
      long expiresAtMillis,
      long publishedAtMillis) {
    this.id = tenant + "/" + groupId + "/" + version;
    this.tenant = tenant;
    this.groupId = groupId;
    this.version = version;
    this.envelope = envelope;
    this.digest = digest;
    this.issuedAtMillis = issuedAtMillis;
    this.expiresAtMillis = expiresAtMillis;
    this.publishedAtMillis = publishedAtMillis;
  }

  /** Records the history fields (set once, before persisting). */
  PolicyVersion describedBy(
      String contentDigest,
      PublishedVersion.Kind kind,
      long sourceVersion,
      String actor,
      String note,
      String signingKeyId) {
    this.contentDigest = contentDigest;
    this.kind = kind.name();
    this.sourceVersion = sourceVersion;
    this.actor = actor;
    this.note = note;
    this.signingKeyId = signingKeyId;
    return this;
  }

  PublishedVersion summary() {
    return new PublishedVersion(
        version,
        digest,
        java.time.Instant.ofEpochMilli(issuedAtMillis),
        java.time.Instant.ofEpochMilli(expiresAtMillis),
        contentDigest,
        kind == null ? PublishedVersion.Kind.PUBLISH : PublishedVersion.Kind.valueOf(kind),
        sourceVersion == 0 ? null : sourceVersion,
        actor,
        java.time.Instant.ofEpochMilli(publishedAtMillis),
        note,
        signingKeyId);
  }
}
