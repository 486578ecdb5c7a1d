package dev.tether.server.audit.evidence;

import java.time.Instant;
import java.util.List;

/**
 * What the policy side knows that an auditor needs, as plain records (gathered by the caller).
 *
 * @param policyHistory every published policy version of the tenant, oldest first
 * @param policyHistoryTruncated true when more versions exist than were listed
 * @param keyHistory every root-of-trust version (key rotations and revocations), oldest first
 * @param currentKeys the tenant's current key ring (public parts only), any JSON-encodable value
 * @param devices the tenant's enrolled devices with their last check-in
 * @param adminActions the admin-action log of the period, or null when the server keeps none
 * @param adminIdentity how admins authenticate on this server (stated in the control mapping)
 */
public record EvidenceInputs(
    List<PolicyChange> policyHistory,
    boolean policyHistoryTruncated,
    List<KeyChange> keyHistory,
    Object currentKeys,
    List<FleetDevice> devices,
    List<?> adminActions,
    String adminIdentity) {

  public EvidenceInputs {
    policyHistory = List.copyOf(policyHistory);
    keyHistory = List.copyOf(keyHistory);
    devices = List.copyOf(devices);
    adminActions = adminActions == null ? null : List.copyOf(adminActions);
    if (adminIdentity == null || adminIdentity.isBlank()) {
      throw new IllegalArgumentException("adminIdentity: required");
    }
  }

  /**
   * One published policy version.
   *
   * @param kind PUBLISH, ROLLBACK or RESIGN
   * @param sourceVersion for ROLLBACK and RESIGN, the version whose content it carries
   * @param publishedBy who published it (the authenticated admin)
   * @param approvedBy who approved it, when the server requires approval; else null
   */
  public record PolicyChange(
      String group,
      long version,
      String kind,
      Long sourceVersion,
      Instant publishedAt,
      String publishedBy,
      String approvedBy,
      String note,
      String digest,
      String contentDigest,
      String signingKeyId,
      Instant expiresAt) {}

  /**
   * One root-of-trust version: who changed the keys, when and why, and the resulting key set.
   *
   * @param signingKeys delegated signing keys as {@code keyId notBefore..notAfter}
   */
  public record KeyChange(
      long rootVersion,
      Instant createdAt,
      String actor,
      String note,
      String rootFingerprint,
      int rootThreshold,
      List<String> rootKeyIds,
      List<String> signingKeys,
      List<String> revokedKeyIds) {
    public KeyChange {
      rootKeyIds = List.copyOf(rootKeyIds);
      signingKeys = List.copyOf(signingKeys);
      revokedKeyIds = List.copyOf(revokedKeyIds);
    }
  }

  /** One enrolled device and its last check-in (heartbeat). */
  public record FleetDevice(
      String deviceId,
      String group,
      String hostname,
      String osUser,
      Instant enrolledAt,
      Instant lastSeenAt,
      String state,
      long policyVersion) {}
}
