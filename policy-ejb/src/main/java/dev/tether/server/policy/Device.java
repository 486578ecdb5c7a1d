package dev.tether.server.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** An enrolled endpoint. The credential is stored only as its SHA-256. */
@Entity
@Table(
    name = "TETHER_DEVICE",
    indexes = {
      @Index(name = "TETHER_DEVICE_CREDENTIAL", columnList = "credentialHash", unique = true),
      @Index(name = "TETHER_DEVICE_TENANT", columnList = "tenant")
    })
public class Device {
  @Id
  @Column(length = 63)
  String id;

  @Column(nullable = false, length = 63)
  String tenant;

  @Column(nullable = false, length = 63)
  String groupId;

  @Column(nullable = false, length = 64)
  String publicKey;

  @Column(nullable = false, length = 80)
  String credentialHash;

  @Column(length = 255)
  String hostname;

  @Column(length = 255)
  String osUser;

  @Column(length = 64)
  String agentVersion;

  /** Operating system as the agent reported it at enrollment; null for older agents. */
  @Column(length = 255)
  String os;

  long enrolledAtMillis;

  /** 0 until the first heartbeat. */
  long lastSeenAtMillis;

  @Column(length = 64)
  String state;

  long policyVersion;

  /** In GRACE: when the agent falls back (epoch millis); 0 otherwise. */
  long graceEndsAtMillis;

  protected Device() {}

  Device(String id, String tenant, String groupId, String publicKey, String credentialHash) {
    this.id = id;
    this.tenant = tenant;
    this.groupId = groupId;
    this.publicKey = publicKey;
    this.credentialHash = credentialHash;
  }

  /**
   * Records a heartbeat. State changes go through methods of the entity itself: EclipseLink's woven
   * change tracking does not see field writes from other classes.
   */
  void recordHeartbeat(
      String state,
      long policyVersion,
      String agentVersion,
      long graceEndsAtMillis,
      long nowMillis) {
    this.state = state;
    this.policyVersion = policyVersion;
    this.graceEndsAtMillis = graceEndsAtMillis;
    if (agentVersion != null) {
      this.agentVersion = agentVersion;
    }
    this.lastSeenAtMillis = nowMillis;
  }
}
