package dev.tether.core.audit;

import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.ResponseMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an {@link AuditEvent} to an OCSF 1.4.0 Data Security Finding (class 2006, category Findings)
 * with the {@code security_control} profile, so a SIEM reads Tether's events without a custom
 * parser. The control's response becomes {@code action_id}/{@code disposition_id}; the decision id
 * becomes {@code metadata.correlation_uid}, linking rule, judge and policy records of one decision.
 * Fields OCSF has no attribute for go under {@code unmapped}. Like the event, the finding never
 * carries payload content.
 */
public final class OcsfDataSecurityFinding {
  /** The OCSF schema version the mapping follows. */
  public static final String OCSF_VERSION = "1.4.0";

  static final int CLASS_UID = 2006;
  static final int CATEGORY_UID = 2;
  static final int ACTIVITY_CREATE = 1;

  private OcsfDataSecurityFinding() {}

  /** The finding as an ordered map of OCSF attributes. */
  public static Map<String, Object> of(AuditEvent event) {
    Map<String, Object> ocsf = new LinkedHashMap<>();
    ocsf.put("class_uid", CLASS_UID);
    ocsf.put("class_name", "Data Security Finding");
    ocsf.put("category_uid", CATEGORY_UID);
    ocsf.put("category_name", "Findings");
    ocsf.put("activity_id", ACTIVITY_CREATE);
    ocsf.put("activity_name", "Create");
    ocsf.put("type_uid", CLASS_UID * 100 + ACTIVITY_CREATE);
    ocsf.put("time", event.occurredAt().toEpochMilli());
    Severity severity = severity(event.mode());
    ocsf.put("severity_id", severity.id);
    ocsf.put("severity", severity.name);
    Action action = action(event.mode());
    ocsf.put("action_id", action.id);
    ocsf.put("action", action.name);
    Disposition disposition = disposition(event.mode());
    ocsf.put("disposition_id", disposition.id);
    ocsf.put("disposition", disposition.name);
    ocsf.put("is_alert", action.id == 2);
    ocsf.put("message", event.reason());
    ocsf.put(
        "metadata",
        map(
            "version", OCSF_VERSION,
            "uid", event.eventId(),
            "correlation_uid", event.decisionId(),
            "profiles", List.of("security_control"),
            "product", map("name", "Tether", "vendor_name", "Tether")));
    ocsf.put(
        "finding_info",
        map(
            "uid", event.eventId(),
            "title",
                event.layer().name().toLowerCase(java.util.Locale.ROOT) + ": " + event.reason(),
            "types", List.of(event.layer().name()),
            "related_events_count", event.findingCount()));
    ocsf.put("device", map("uid", event.deviceId()));
    Map<String, Object> actor = new LinkedHashMap<>();
    if (event.osUser() != null || event.developer() != null) {
      actor.put("user", map("name", event.osUser(), "email_addr", event.developer()));
    }
    if (event.app() != null) {
      actor.put("process", map("name", event.app()));
    }
    if (!actor.isEmpty()) {
      ocsf.put("actor", actor);
    }
    if (event.destinationHost() != null) {
      ocsf.put("dst_endpoint", map("hostname", event.destinationHost()));
    }
    if (!event.detectorIds().isEmpty()) {
      ocsf.put(
          "data_security",
          map(
              "detection_system",
              "Tether rule engine",
              "detection_pattern",
              String.join(",", event.detectorIds())));
    }
    if (event.confidence() != null) {
      ocsf.put("confidence_score", (int) Math.round(event.confidence() * 100));
    }
    Map<String, Object> unmapped = new LinkedHashMap<>();
    unmapped.put("layer", event.layer().name());
    unmapped.put("mode", event.mode().name());
    unmapped.put("policy_version", event.policyVersion());
    unmapped.put("provider", event.provider());
    unmapped.put("model", event.model());
    unmapped.put("trace_id", event.traceId());
    unmapped.put("finding_types", event.findingTypes().isEmpty() ? null : event.findingTypes());
    unmapped.put("classification", event.classification());
    unmapped.put("escalated", event.escalated());
    unmapped.put("content_digest", event.contentDigest());
    unmapped.put("content_bytes", event.contentBytes());
    unmapped.values().removeIf(v -> v == null);
    ocsf.put("unmapped", unmapped);
    return ocsf;
  }

  /** The finding as compact JSON (keys sorted, nulls omitted). */
  public static String json(AuditEvent event) {
    return JsonCodec.writeString(of(event));
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        out.put((String) pairs[i], pairs[i + 1]);
      }
    }
    return out;
  }

  private record Action(int id, String name) {}

  private record Disposition(int id, String name) {}

  private record Severity(int id, String name) {}

  private static Action action(ResponseMode mode) {
    return switch (mode) {
      case BLOCK -> new Action(2, "Denied");
      case REDACT, WATERMARK -> new Action(4, "Modified");
      case WARN, COACH -> new Action(3, "Observed");
      case REQUEST -> new Action(2, "Denied");
      case ALLOW -> new Action(1, "Allowed");
    };
  }

  private static Disposition disposition(ResponseMode mode) {
    return switch (mode) {
      case BLOCK -> new Disposition(2, "Blocked");
      case REDACT, WATERMARK -> new Disposition(11, "Corrected");
      case WARN, COACH -> new Disposition(19, "Alert");
      case REQUEST -> new Disposition(14, "Delayed");
      case ALLOW -> new Disposition(1, "Allowed");
    };
  }

  private static Severity severity(ResponseMode mode) {
    return switch (mode) {
      case BLOCK -> new Severity(3, "Medium");
      case REDACT, WATERMARK, WARN, COACH, REQUEST -> new Severity(2, "Low");
      case ALLOW -> new Severity(1, "Informational");
    };
  }
}
