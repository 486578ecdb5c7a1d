package dev.tether.server.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A signed checkpoint as published: never updated, never deleted. */
@Entity
@Table(name = "TETHER_AUDIT_CHECKPOINT")
public class AuditCheckpointRecord {
  @Id long treeSize;

  @Column(nullable = false, length = 64)
  String rootHash;

  @Column(nullable = false, length = 16384)
  String note;

  long signedAtMillis;

  protected AuditCheckpointRecord() {}

  AuditCheckpointRecord(long treeSize, String rootHash, String note, long signedAtMillis) {
    this.treeSize = treeSize;
    this.rootHash = rootHash;
    this.note = note;
    this.signedAtMillis = signedAtMillis;
  }

  long treeSize() {
    return treeSize;
  }

  String note() {
    return note;
  }
}
