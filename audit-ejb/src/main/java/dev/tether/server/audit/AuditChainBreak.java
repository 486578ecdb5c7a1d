package dev.tether.server.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * A place where a device's uploaded spool hash chain does not continue: recorded when the event is
 * stored (the event itself is stored too: losing it would hide the evidence). Append-only like the
 * events (PostgreSQL triggers refuse UPDATE, DELETE and TRUNCATE).
 */
@Entity
@Table(
    name = "TETHER_AUDIT_CHAIN_BREAK",
    indexes = @Index(name = "TETHER_AUDIT_BREAK_TENANT", columnList = "tenant,detectedAtMillis"))
public class AuditChainBreak {
  /** What kind of discontinuity. */
  public enum Kind {
    /** Sequence numbers skipped: records between the two were lost or removed on the device. */
    GAP,
    /**
     * The next sequence, but its previous hash is not the last hash received: a record was
     * rewritten or the chain forked.
     */
    BROKEN_LINK,
    /** The event's content does not hash to its link: the record was changed after spooling. */
    CONTENT_MISMATCH,
    /** The sequence went back (a new spool, e.g. after a reinstall, or a replay). */
    REWIND
  }

  @Id
  @Column(length = 36)
  String id;

  @Column(nullable = false, length = 63)
  String tenant;

  @Column(nullable = false, length = 255)
  String deviceId;

  @Column(nullable = false, length = 36)
  String eventId;

  @Enumerated(EnumType.STRING)
  @Column(name = "BREAK_KIND", nullable = false, length = 20)
  Kind kind;

  long expectedSeq;
  long receivedSeq;
  long detectedAtMillis;

  protected AuditChainBreak() {}

  AuditChainBreak(
      String tenant,
      String deviceId,
      String eventId,
      Kind kind,
      long expectedSeq,
      long receivedSeq,
      long detectedAtMillis) {
    this.id = UUID.randomUUID().toString();
    this.tenant = tenant;
    this.deviceId = deviceId;
    this.eventId = eventId;
    this.kind = kind;
    this.expectedSeq = expectedSeq;
    this.receivedSeq = receivedSeq;
    this.detectedAtMillis = detectedAtMillis;
  }

  /** As the admin API lists it. */
  ChainBreakView view() {
    return new ChainBreakView(
        deviceId, eventId, kind.name(), expectedSeq, receivedSeq, detectedAtMillis);
  }
}
