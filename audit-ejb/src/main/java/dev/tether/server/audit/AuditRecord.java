package dev.tether.server.audit;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One stored audit event, with the tenant and group of the device that sent it. Never updated. The
 * event id is the primary key, so a second insert of the same event fails in the database even
 * under concurrent uploads.
 */
@Entity
@Table(
    name = "TETHER_AUDIT_RECORD",
    indexes = @Index(name = "TETHER_AUDIT_TENANT_TIME", columnList = "tenant,occurredAtMillis"))
public class AuditRecord {
  @Id
  @Column(length = 36)
  String eventId;

  @Column(nullable = false, length = 63)
  String tenant;

  @Column(nullable = false, length = 63)
  String groupId;

  @Column(nullable = false, length = 255)
  String deviceId;

  @Column(nullable = false, length = 36)
  String decisionId;

  long occurredAtMillis;
  int occurredAtNanos;

  @Column(length = 255)
  String osUser;

  @Enumerated(EnumType.STRING)
  @Column(name = "AUDIT_LAYER", nullable = false, length = 16)
  AuditLayer layer;

  @Enumerated(EnumType.STRING)
  @Column(name = "RESPONSE_MODE", nullable = false, length = 16)
  ResponseMode mode;

  @Column(length = AuditEvent.MAX_REASON)
  String reason;

  @Column(length = 255)
  String destinationHost;

  @Column(length = 255)
  String provider;

  long policyVersion;

  /** Detector ids joined by newlines (ids are bounded and cannot contain one). */
  @Column(length = 16640)
  String detectorIds;

  int findingCount;

  @Column(length = 255)
  String contentDigest;

  long contentBytes;
  long receivedAtMillis;

  protected AuditRecord() {}

  AuditRecord(String tenant, String groupId, AuditEvent event, Instant receivedAt) {
    this.eventId = event.eventId();
    this.tenant = tenant;
    this.groupId = groupId;
    this.deviceId = event.deviceId();
    this.decisionId = event.decisionId();
    this.occurredAtMillis = event.occurredAt().toEpochMilli();
    this.occurredAtNanos = event.occurredAt().getNano();
    this.osUser = event.osUser();
    this.layer = event.layer();
    this.mode = event.mode();
    this.reason = event.reason();
    this.destinationHost = event.destinationHost();
    this.provider = event.provider();
    this.policyVersion = event.policyVersion();
    this.detectorIds = String.join("\n", event.detectorIds());
    this.findingCount = event.findingCount();
    this.contentDigest = event.contentDigest();
    this.contentBytes = event.contentBytes();
    this.receivedAtMillis = receivedAt.toEpochMilli();
  }

  /** The event exactly as the agent sent it. */
  AuditEvent toEvent() {
    Instant occurredAt =
        Instant.ofEpochSecond(Math.floorDiv(occurredAtMillis, 1000L), occurredAtNanos);
    List<String> detectors =
        detectorIds == null || detectorIds.isEmpty()
            ? List.of()
            : Arrays.asList(detectorIds.split("\n"));
    return new AuditEvent(
        eventId,
        decisionId,
        occurredAt,
        deviceId,
        osUser,
        layer,
        mode,
        reason,
        destinationHost,
        provider,
        policyVersion,
        detectors,
        findingCount,
        contentDigest,
        contentBytes);
  }
}
