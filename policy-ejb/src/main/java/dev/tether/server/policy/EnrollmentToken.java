package dev.tether.server.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A single-use enrollment token; only its SHA-256 is stored. */
@Entity
@Table(name = "TETHER_ENROLLMENT_TOKEN")
public class EnrollmentToken {
  @Id
  @Column(length = 80)
  String tokenHash;

  @Column(nullable = false, length = 63)
  String tenant;

  @Column(nullable = false, length = 63)
  String groupId;

  long expiresAtMillis;

  /** 0 while unused. */
  long usedAtMillis;

  @Column(length = 63)
  String usedByDevice;

  protected EnrollmentToken() {}

  EnrollmentToken(String tokenHash, String tenant, String groupId, Instant expiresAt) {
    this.tokenHash = tokenHash;
    this.tenant = tenant;
    this.groupId = groupId;
    this.expiresAtMillis = expiresAt.toEpochMilli();
  }

  /**
   * Marks the token used by {@code deviceId}.
   *
   * @throws TetherException UNAUTHENTICATED if it was already used or has expired; the message
   *     never contains the token
   */
  void consume(Instant now, String deviceId) {
    if (usedAtMillis != 0) {
      throw TetherException.unauthenticated("enroll.token: already used");
    }
    if (now.toEpochMilli() >= expiresAtMillis) {
      throw TetherException.unauthenticated(
          "enroll.token: expired at " + Instant.ofEpochMilli(expiresAtMillis));
    }
    usedAtMillis = Math.max(1, now.toEpochMilli());
    usedByDevice = deviceId;
  }
}
