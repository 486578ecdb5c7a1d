package dev.tether.server.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One signed version of a tenant's root metadata (the JSON of its envelope). Append-only: (tenant,
 * version) is unique and rows are never changed.
 */
@Entity
@Table(
    name = "TETHER_ROOT_VERSION",
    uniqueConstraints =
        @UniqueConstraint(
            name = "TETHER_ROOT_VERSION_NUMBER",
            columnNames = {"tenant", "version"}))
public class RootVersion {
  /** {@code tenant/version}. */
  @Id
  @Column(length = 100)
  String id;

  @Column(nullable = false, length = 63)
  String tenant;

  long version;

  @Lob
  @Column(nullable = false)
  byte[] envelope;

  @Column(nullable = false, length = 80)
  String fingerprint;

  long createdAtMillis;

  @Column(length = 200)
  String actor;

  @Column(length = 500)
  String note;

  protected RootVersion() {}

  RootVersion(
      String tenant,
      long version,
      byte[] envelope,
      String fingerprint,
      long createdAtMillis,
      String actor,
      String note) {
    this.id = tenant + "/" + version;
    this.tenant = tenant;
    this.version = version;
    this.envelope = envelope;
    this.fingerprint = fingerprint;
    this.createdAtMillis = createdAtMillis;
    this.actor = actor;
    this.note = note;
  }
}
