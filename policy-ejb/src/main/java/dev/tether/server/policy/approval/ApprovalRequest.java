package dev.tether.server.policy.approval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One approval request filed by a device. Holds no payload. State changes go through methods of the
 * entity (EclipseLink's woven change tracking).
 */
@Entity
@Table(
    name = "TETHER_APPROVAL",
    uniqueConstraints =
        @UniqueConstraint(
            name = "TETHER_APPROVAL_DEVICE_REQUEST",
            columnNames = {"deviceId", "requestId"}),
    indexes = {
      @Index(name = "TETHER_APPROVAL_TENANT_STATE", columnList = "tenant, state"),
      @Index(name = "TETHER_APPROVAL_DEVICE", columnList = "deviceId")
    })
public class ApprovalRequest {
  /** Server-side id (UUID), used in admin paths. */
  @Id
  @Column(length = 36)
  String id;

  @Column(nullable = false, length = 63)
  String tenant;

  @Column(nullable = false, length = 63)
  String groupId;

  @Column(nullable = false, length = 63)
  String deviceId;

  /** The device's decision id. */
  @Column(nullable = false, length = 36)
  String requestId;

  @Column(nullable = false, length = 71)
  String contentDigest;

  @Column(length = 255)
  String osUser;

  @Column(nullable = false, length = 255)
  String destinationHost;

  @Column(length = 500)
  String reason;

  long policyVersion;

  @Column(nullable = false, length = 16)
  String state;

  long createdAtMillis;

  /** 0 while pending. */
  long decidedAtMillis;

  /** 0 unless approved. */
  long validUntilMillis;

  @Column(length = 500)
  String note;

  protected ApprovalRequest() {}

  ApprovalRequest(
      String id,
      String tenant,
      String groupId,
      String deviceId,
      String requestId,
      String contentDigest,
      String osUser,
      String destinationHost,
      String reason,
      long policyVersion,
      long nowMillis) {
    this.id = id;
    this.tenant = tenant;
    this.groupId = groupId;
    this.deviceId = deviceId;
    this.requestId = requestId;
    this.contentDigest = contentDigest;
    this.osUser = osUser;
    this.destinationHost = destinationHost;
    this.reason = reason;
    this.policyVersion = policyVersion;
    this.state = ApprovalService.PENDING;
    this.createdAtMillis = nowMillis;
  }

  void decide(String newState, String note, long nowMillis, long validUntilMillis) {
    this.state = newState;
    this.note = note;
    this.decidedAtMillis = nowMillis;
    this.validUntilMillis = validUntilMillis;
  }
}
