package dev.tether.server.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A multi-use enrollment token for a fleet rollout: one MDM profile enrolls up to {@link #maxUses}
 * devices into one group until it expires or is revoked. Only its SHA-256 is stored; {@link
 * #publicId} names it in the admin API (listing, revocation) without revealing anything about the
 * token.
 *
 * <p>Kept in its own table (instead of a use counter on {@link EnrollmentToken}) so an existing
 * database gains it by table creation alone.
 */
@Entity
@Table(
    name = "TETHER_FLEET_ENROLL_TOKEN",
    indexes = @Index(name = "TETHER_FLEET_TOKEN_GROUP", columnList = "tenant,groupId"))
public class FleetEnrollmentToken {
  @Id
  @Column(length = 80)
  String tokenHash;

  @Column(nullable = false, unique = true, length = 32)
  String publicId;

  @Column(nullable = false, length = 63)
  String tenant;

  @Column(nullable = false, length = 63)
  String groupId;

  long issuedAtMillis;

  long expiresAtMillis;

  int maxUses;

  int uses;

  /** 0 while unused. */
  long lastUsedAtMillis;

  /** 0 while not revoked. */
  long revokedAtMillis;

  protected FleetEnrollmentToken() {}

  FleetEnrollmentToken(
      String tokenHash,
      String publicId,
      String tenant,
      String groupId,
      Instant issuedAt,
      Instant expiresAt,
      int maxUses) {
    this.tokenHash = tokenHash;
    this.publicId = publicId;
    this.tenant = tenant;
    this.groupId = groupId;
    this.issuedAtMillis = issuedAt.toEpochMilli();
    this.expiresAtMillis = expiresAt.toEpochMilli();
    this.maxUses = maxUses;
  }

  /**
   * Counts one enrollment against the token.
   *
   * @throws TetherException UNAUTHENTICATED if it is revoked, expired or used up; the message never
   *     contains the token
   */
  void consume(Instant now) {
    if (revokedAtMillis != 0) {
      throw TetherException.unauthenticated(
          "enroll.token: revoked at " + Instant.ofEpochMilli(revokedAtMillis));
    }
    if (now.toEpochMilli() >= expiresAtMillis) {
      throw TetherException.unauthenticated(
          "enroll.token: expired at " + Instant.ofEpochMilli(expiresAtMillis));
    }
    if (uses >= maxUses) {
      throw TetherException.unauthenticated("enroll.token: all " + maxUses + " enrollments used");
    }
    uses++;
    lastUsedAtMillis = Math.max(1, now.toEpochMilli());
  }

  /** Revokes it; revoking twice keeps the first time. */
  void revoke(Instant now) {
    if (revokedAtMillis == 0) {
      revokedAtMillis = Math.max(1, now.toEpochMilli());
    }
  }

  FleetTokenView view() {
    return new FleetTokenView(
        publicId,
        groupId,
        Instant.ofEpochMilli(issuedAtMillis),
        Instant.ofEpochMilli(expiresAtMillis),
        maxUses,
        uses,
        lastUsedAtMillis == 0 ? null : Instant.ofEpochMilli(lastUsedAtMillis),
        revokedAtMillis == 0 ? null : Instant.ofEpochMilli(revokedAtMillis));
  }
}
