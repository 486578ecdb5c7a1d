package dev.tether.server.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** One published, signed bundle. (tenant, group, version) is unique; versions only increase. */
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
}
