package dev.tether.server.audit;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a query over one tenant's audit records matches; every field is optional (null: any). Text
 * fields match exactly. Validated: text fields are 1 to {@value #MAX_TEXT} characters, the decision
 * id is a UUID, the trace id 32 lowercase hex digits, and {@code from} is before {@code to}.
 *
 * @param group the device's group at ingestion
 * @param deviceId the device
 * @param user the OS user or the authenticated developer (either matches)
 * @param app the application (process)
 * @param destination the destination host
 * @param provider the AI provider
 * @param layer the control that produced the record
 * @param mode the response mode
 * @param decisionId every record of one decision
 * @param traceId every record of one trace
 * @param from occurred at or after (millisecond precision)
 * @param to occurred before (exclusive, millisecond precision)
 */
public record AuditFilter(
    String group,
    String deviceId,
    String user,
    String app,
    String destination,
    String provider,
    AuditLayer layer,
    ResponseMode mode,
    String decisionId,
    String traceId,
    Instant from,
    Instant to) {
  /** Longest text filter value (the stored columns' length). */
  public static final int MAX_TEXT = 255;

  /** Matches every record. */
  public static final AuditFilter NONE =
      new AuditFilter(null, null, null, null, null, null, null, null, null, null, null, null);

  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

  public AuditFilter {
    text("group", group);
    text("deviceId", deviceId);
    text("user", user);
    text("app", app);
    text("destination", destination);
    text("provider", provider);
    if (decisionId != null) {
      try {
        decisionId = UUID.fromString(decisionId).toString();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "decisionId: expected a UUID, got \"" + AuditQueryParams.shorten(decisionId) + "\"");
      }
    }
    if (traceId != null && !TRACE_ID.matcher(traceId).matches()) {
      throw new IllegalArgumentException(
          "traceId: expected 32 lowercase hex digits, got \""
              + AuditQueryParams.shorten(traceId)
              + "\"");
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException(
          "from: expected a time before to (" + to + "), got " + from);
    }
  }

  /** This filter for one device (the other fields unchanged). */
  public AuditFilter withDevice(String device) {
    return new AuditFilter(
        group,
        device,
        user,
        app,
        destination,
        provider,
        layer,
        mode,
        decisionId,
        traceId,
        from,
        to);
  }

  private static void text(String key, String value) {
    if (value != null && (value.isBlank() || value.length() > MAX_TEXT)) {
      throw new IllegalArgumentException(
          key
              + ": expected 1 to "
              + MAX_TEXT
              + " characters, got "
              + (value.isBlank() ? "a blank value" : value.length() + " characters"));
    }
  }
}
