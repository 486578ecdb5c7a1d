package dev.tether.core.audit;

import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One audit record. Bounded in every field; carries no payload content.
 *
 * @param eventId unique id (UUID); the server deduplicates on it
 * @param decisionId id shared by all records of one decision
 * @param occurredAt when the control fired
 * @param deviceId the enrolled device
 * @param osUser the OS account the agent runs for
 * @param layer which control produced this record
 * @param mode the response that control asked for (for {@link AuditLayer#POLICY}: the one applied)
 * @param reason short human explanation, never payload content
 * @param destinationHost the host the request was for
 * @param provider the AI provider recognised at that host, or {@code null}
 * @param policyVersion version of the bundle in force, 0 when none
 * @param detectorIds ids of the detectors that fired (RULE layer)
 * @param findingCount number of findings (RULE layer)
 * @param contentDigest {@code sha256:} digest of the inspected body, or {@code null}
 * @param contentBytes size of the inspected body
 */
public record AuditEvent(
    String eventId,
    String decisionId,
    Instant occurredAt,
    String deviceId,
    String osUser,
    AuditLayer layer,
    ResponseMode mode,
    String reason,
    String destinationHost,
    String provider,
    long policyVersion,
    List<String> detectorIds,
    int findingCount,
    String contentDigest,
    long contentBytes) {

  /** Longest reason kept; longer ones are truncated, not rejected. */
  public static final int MAX_REASON = 500;

  private static final int MAX_FIELD = 255;
  private static final int MAX_DETECTORS = 64;

  public AuditEvent {
    eventId = requireUuid("eventId", eventId);
    decisionId = requireUuid("decisionId", decisionId);
    Objects.requireNonNull(occurredAt, "auditEvent.occurredAt: required");
    deviceId = bounded("deviceId", deviceId, true);
    osUser = bounded("osUser", osUser, false);
    Objects.requireNonNull(layer, "auditEvent.layer: required");
    Objects.requireNonNull(mode, "auditEvent.mode: required");
    reason = reason == null ? "" : truncate(reason, MAX_REASON);
    destinationHost = bounded("destinationHost", destinationHost, false);
    provider = bounded("provider", provider, false);
    if (policyVersion < 0) {
      throw new IllegalArgumentException(
          "auditEvent.policyVersion: expected >= 0, got " + policyVersion);
    }
    detectorIds = detectorIds == null ? List.of() : List.copyOf(detectorIds);
    if (detectorIds.size() > MAX_DETECTORS) {
      throw new IllegalArgumentException(
          "auditEvent.detectorIds: at most " + MAX_DETECTORS + ", got " + detectorIds.size());
    }
    detectorIds.forEach(id -> bounded("detectorIds", id, true));
    if (findingCount < 0 || contentBytes < 0) {
      throw new IllegalArgumentException("auditEvent: counts must be >= 0");
    }
    contentDigest = bounded("contentDigest", contentDigest, false);
  }

  /** A new random id for events and decisions. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  private static String requireUuid(String key, String value) {
    try {
      return UUID.fromString(Objects.requireNonNull(value, "auditEvent." + key + ": required"))
          .toString();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "auditEvent." + key + ": expected a UUID, got \"" + truncate(value, 64) + "\"");
    }
  }

  private static String bounded(String key, String value, boolean required) {
    if (value == null) {
      if (required) {
        throw new IllegalArgumentException("auditEvent." + key + ": required");
      }
      return null;
    }
    if (value.length() > MAX_FIELD) {
      throw new IllegalArgumentException(
          "auditEvent." + key + ": at most " + MAX_FIELD + " characters, got " + value.length());
    }
    return value;
  }

  private static String truncate(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }
}
