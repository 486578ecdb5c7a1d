package dev.tether.server.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row per device that ever uploaded audit events. Storing a batch locks this row first, so
 * concurrent uploads (retries) of one device are serialised in the database and never deadlock on
 * each other's event rows.
 */
@Entity
@Table(name = "TETHER_AUDIT_STREAM")
public class AuditStream {
  @Id
  @Column(length = 255)
  String deviceId;

  @Column(nullable = false, length = 63)
  String tenant;

  long eventsStored;
  long lastReceivedAtMillis;

  protected AuditStream() {}

  AuditStream(String deviceId, String tenant) {
    this.deviceId = deviceId;
    this.tenant = tenant;
  }

  /** Counts a stored batch (a method of the entity, so woven change tracking sees it). */
  void recordStored(int count, long nowMillis) {
    eventsStored += count;
    lastReceivedAtMillis = nowMillis;
  }
}
