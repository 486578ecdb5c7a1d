package dev.tether.server.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.json.JsonCodec;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One stored audit event, with the tenant and group of the device that sent it. Never updated. The
 * event id is the primary key, so a second insert of the same event fails in the database even
 * under concurrent uploads.
 */
@Entity
@Table(
    name = "TETHER_AUDIT_RECORD",
    indexes = {
      // tenant and time, then the event id: decision reports stream records in (time, event id)
      // order by keyset pages, and with the id in the index each page is an index range read that
      // stops after the page instead of sorting every remaining record of the period
      @Index(name = "TETHER_AUDIT_TENANT_TIME", columnList = "tenant,occurredAtMillis,eventId"),
      @Index(name = "TETHER_AUDIT_LEAF", columnList = "leafIndex", unique = true),
      // one per query filter (AuditQueryJpql): tenant first, then the filter, then time for the
      // newest-first order and time ranges
      @Index(name = "TETHER_AUDIT_GROUP_TIME", columnList = "tenant,groupId,occurredAtMillis"),
      @Index(name = "TETHER_AUDIT_DEVICE_TIME", columnList = "tenant,deviceId,occurredAtMillis"),
      @Index(name = "TETHER_AUDIT_OSUSER_TIME", columnList = "tenant,osUser,occurredAtMillis"),
      @Index(name = "TETHER_AUDIT_DEV_TIME", columnList = "tenant,developer,occurredAtMillis"),
      @Index(name = "TETHER_AUDIT_APP_TIME", columnList = "tenant,app,occurredAtMillis"),
      @Index(
          name = "TETHER_AUDIT_DEST_TIME",
          columnList = "tenant,destinationHost,occurredAtMillis"),
      @Index(name = "TETHER_AUDIT_PROVIDER_TIME", columnList = "tenant,provider,occurredAtMillis"),
      @Index(name = "TETHER_AUDIT_LAYER_TIME", columnList = "tenant,AUDIT_LAYER,occurredAtMillis"),
      @Index(name = "TETHER_AUDIT_MODE_TIME", columnList = "tenant,RESPONSE_MODE,occurredAtMillis"),
      @Index(name = "TETHER_AUDIT_DECISION", columnList = "decisionId"),
      @Index(name = "TETHER_AUDIT_TRACE", columnList = "traceId")
    })
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

  @Column(length = 255)
  String app;

  @Column(length = 255)
  String developer;

  @Column(length = 255)
  String model;

  @Column(length = 32)
  String traceId;

  /** Finding count per type as canonical JSON, or null when there are none. */
  @Column(length = 20000)
  String findingTypes;

  @Column(length = 255)
  String classification;

  Double confidence;
  boolean escalated;

  /** Redacted excerpts as canonical JSON, or null when there are none. */
  @Column(length = 4000)
  String redactedExcerpts;

  /** Position of this event in the tamper-evident log (RFC 6962 leaf index). */
  @Column(nullable = false)
  long leafIndex;

  /** Hex RFC 6962 leaf hash of the event as received; the log tree is built from these. */
  @Column(nullable = false, length = 64)
  String leafHash;

  protected AuditRecord() {}

  AuditRecord(
      String tenant,
      String groupId,
      AuditEvent event,
      Instant receivedAt,
      long leafIndex,
      byte[] leafHash) {
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
    this.app = event.app();
    this.developer = event.developer();
    this.model = event.model();
    this.traceId = event.traceId();
    this.findingTypes =
        event.findingTypes().isEmpty() ? null : JsonCodec.writeString(event.findingTypes());
    this.classification = event.classification();
    this.confidence = event.confidence();
    this.escalated = event.escalated();
    this.redactedExcerpts =
        event.redactedExcerpts().isEmpty() ? null : JsonCodec.writeString(event.redactedExcerpts());
    this.leafIndex = leafIndex;
    this.leafHash = HexFormat.of().formatHex(leafHash);
  }

  long leafIndex() {
    return leafIndex;
  }

  byte[] leafHash() {
    return HexFormat.of().parseHex(leafHash);
  }

  String tenant() {
    return tenant;
  }

  /** The event exactly as the agent sent it (as far as this row still says so). */
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
        contentBytes,
        app,
        developer,
        model,
        traceId,
        findingTypes == null ? Map.of() : JsonCodec.read(findingTypes.getBytes(UTF_8), COUNTS),
        classification,
        confidence,
        escalated,
        redactedExcerpts == null
            ? List.of()
            : Arrays.asList(JsonCodec.read(redactedExcerpts.getBytes(UTF_8), String[].class)));
  }

  /** The finding-count map type for the codec. */
  @SuppressWarnings("serial")
  private static final class Counts extends java.util.TreeMap<String, Integer> {}

  private static final Class<Counts> COUNTS = Counts.class;
}
