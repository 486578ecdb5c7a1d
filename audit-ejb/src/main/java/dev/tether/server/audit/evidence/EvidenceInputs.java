package dev.tether.server.audit.evidence;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the policy side knows that an auditor needs, as plain records (gathered by the caller).
 *
 * @param policyHistory every published policy version of the tenant, oldest first
 * @param policyHistoryTruncated true when more versions exist than were listed
 * @param keyHistory every root-of-trust version (key rotations and revocations), oldest first
 * @param currentKeys the tenant's current key ring (public parts only), any JSON-encodable value
 * @param devices the tenant's enrolled devices with their last check-in
 * @param adminActions the tenant's admin-action log of the period, or null when the server keeps
 *     none
 * @param adminIdentity how admins authenticate on this server (stated in the control mapping)
 */
public record EvidenceInputs(
    List<PolicyChange> policyHistory,
    boolean policyHistoryTruncated,
    List<KeyChange> keyHistory,
    Object currentKeys,
    List<FleetDevice> devices,
    AdminActionSource adminActions,
    String adminIdentity) {

  public EvidenceInputs {
    policyHistory = List.copyOf(policyHistory);
    keyHistory = List.copyOf(keyHistory);
    devices = List.copyOf(devices);
    if (adminIdentity == null || adminIdentity.isBlank()) {
      throw new IllegalArgumentException("adminIdentity: required");
    }
  }

  /** Most admin actions one package lists (the rest is reported as truncated). */
  public static final int MAX_ADMIN_ACTIONS = 100_000;

  /**
   * The tenant's admin actions of the period, streamed (each action may carry large before/after
   * states, so they are never collected in memory).
   */
  @FunctionalInterface
  public interface AdminActionSource {
    /**
     * Feeds at most {@code max} actions of the period to {@code sink}, newest first.
     *
     * @return true if more actions of the period exist than were fed
     */
    boolean forEach(int max, Consumer<Object> sink);
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
