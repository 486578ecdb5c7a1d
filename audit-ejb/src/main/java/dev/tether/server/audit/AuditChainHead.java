package dev.tether.server.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The newest spool hash-chain link the server received from one device (sequence and hash), and how
 * many breaks it found in that device's chain. Read and advanced only while the device's {@link
 * AuditStream} row is locked.
 */
@Entity
@Table(name = "TETHER_AUDIT_CHAIN_HEAD")
public class AuditChainHead {
  @Id
  @Column(length = 255)
  String deviceId;

  long lastSeq;

  @Column(nullable = false, length = 64)
  String lastHash;

  long breaks;

  protected AuditChainHead() {}

  AuditChainHead(String deviceId, long lastSeq, String lastHash) {
    this.deviceId = deviceId;
    this.lastSeq = lastSeq;
    this.lastHash = lastHash;
  }

  /** Moves the head to a newer link (a method of the entity, so woven change tracking sees it). */
  void advance(long seq, String hash) {
    lastSeq = seq;
    lastHash = hash;
  }

  void countBreak() {
    breaks++;
  }
}
