package dev.tether.core.audit;

import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One audit record: what one control decided for one request. Bounded in every field; carries no
 * payload content (a digest, sizes and, only if the policy enables it, redacted excerpts).
 *
 * <p>Records of one decision share {@link #decisionId}; rule and judge records are separate.
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
 * @param app the application (process) that sent the request, when known
 * @param developer the authenticated developer, when known
 * @param model the AI model requested, when recognised
 * @param traceId the W3C trace id (32 lowercase hex) of the decision's span, when traced
 * @param findingTypes finding count per finding type (RULE layer), sorted by type
 * @param classification the judge's label (JUDGE layer)
 * @param confidence the judge's confidence in {@code [0, 1]} (JUDGE layer)
 * @param escalated whether the redacted payload was sent to the cloud judge (never null; absent in
 *     older records means false)
 * @param redactedExcerpts redacted excerpts, only when the policy enables them; never raw text
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
    long contentBytes,
    String app,
    String developer,
    String model,
    String traceId,
    Map<String, Integer> findingTypes,
    String classification,
    Double confidence,
    Boolean escalated,
    List<String> redactedExcerpts) {

  /** Longest reason kept; longer ones are truncated, not rejected. */
  public static final int MAX_REASON = 500;

  /** Most redacted excerpts per record. */
  public static final int MAX_EXCERPTS = 8;

  /** Longest redacted excerpt kept; longer ones are truncated. */
  public static final int MAX_EXCERPT = 200;

  private static final int MAX_FIELD = 255;
  private static final int MAX_DETECTORS = 64;
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

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
    app = bounded("app", app, false);
    developer = bounded("developer", developer, false);
    model = bounded("model", model, false);
    if (traceId != null && !TRACE_ID.matcher(traceId).matches()) {
      throw new IllegalArgumentException(
          "auditEvent.traceId: expected 32 lowercase hex digits, got \""
              + truncate(traceId, 64)
              + "\"");
    }
    findingTypes = findingTypes == null ? Map.of() : findingTypes;
    if (findingTypes.size() > MAX_DETECTORS) {
      throw new IllegalArgumentException(
          "auditEvent.findingTypes: at most " + MAX_DETECTORS + ", got " + findingTypes.size());
    }
    findingTypes.forEach(
        (type, count) -> {
          bounded("findingTypes", type, true);
          if (count == null || count < 0) {
            throw new IllegalArgumentException(
                "auditEvent.findingTypes." + type + ": expected a count >= 0, got " + count);
          }
        });
    findingTypes = Map.copyOf(new TreeMap<>(findingTypes));
    classification = bounded("classification", classification, false);
    if (confidence != null && !(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException(
          "auditEvent.confidence: expected a value in [0, 1], got " + confidence);
    }
    escalated = Boolean.TRUE.equals(escalated);
    redactedExcerpts = redactedExcerpts == null ? List.of() : List.copyOf(redactedExcerpts);
    if (redactedExcerpts.size() > MAX_EXCERPTS) {
      throw new IllegalArgumentException(
          "auditEvent.redactedExcerpts: at most "
              + MAX_EXCERPTS
              + ", got "
              + redactedExcerpts.size());
    }
    redactedExcerpts = redactedExcerpts.stream().map(e -> truncate(e, MAX_EXCERPT)).toList();
  }

  /** The original fifteen fields; the context fields added later are empty. */
  public AuditEvent(
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
    this(
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
        detectorIds,
        findingCount,
        contentDigest,
        contentBytes,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        null);
  }

  /** A new random id for events and decisions. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** This record with the request context: application, developer, model and trace id. */
  public AuditEvent withContext(String app, String developer, String model, String traceId) {
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
        detectorIds,
        findingCount,
        contentDigest,
        contentBytes,
        app,
        developer,
        model,
        traceId,
        findingTypes,
        classification,
        confidence,
        escalated,
        redactedExcerpts);
  }

  /** This record with the finding count per finding type (RULE layer). */
  public AuditEvent withFindingTypes(Map<String, Integer> types) {
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
        detectorIds,
        findingCount,
        contentDigest,
        contentBytes,
        app,
        developer,
        model,
        traceId,
        types,
        classification,
        confidence,
        escalated,
        redactedExcerpts);
  }

  /** This record with the judge's verdict (JUDGE layer). */
  public AuditEvent withJudgement(String label, Double score, boolean escalatedToCloud) {
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
        detectorIds,
        findingCount,
        contentDigest,
        contentBytes,
        app,
        developer,
        model,
        traceId,
        findingTypes,
        label,
        score,
        escalatedToCloud,
        redactedExcerpts);
  }

  /** This record with redacted excerpts; callers pass only already-redacted text. */
  public AuditEvent withRedactedExcerpts(List<String> excerpts) {
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
        detectorIds,
        findingCount,
        contentDigest,
        contentBytes,
        app,
        developer,
        model,
        traceId,
        findingTypes,
        classification,
        confidence,
        escalated,
        excerpts);
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
