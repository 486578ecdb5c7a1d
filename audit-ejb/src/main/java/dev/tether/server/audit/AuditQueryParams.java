package dev.tether.server.audit;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses the admin API's query parameters into an {@link AuditQuery}. Strict: an unknown or
 * repeated parameter is refused (a misspelt filter must not silently widen the result to the whole
 * tenant), and every error names the parameter and the value.
 */
public final class AuditQueryParams {
  /** Every parameter understood. */
  public static final Set<String> NAMES =
      Set.of(
          "group",
          "deviceId",
          "user",
          "app",
          "destination",
          "provider",
          "layer",
          "mode",
          "decisionId",
          "traceId",
          "from",
          "to",
          "limit",
          "offset",
          "cursor");

  private AuditQueryParams() {}

  /**
   * The query for {@code tenant} from the request's parameters (name to values); blank values count
   * as absent.
   *
   * @throws IllegalArgumentException naming the offending parameter
   */
  public static AuditQuery parse(String tenant, Map<String, List<String>> params) {
    for (Map.Entry<String, List<String>> entry : params.entrySet()) {
      if (!NAMES.contains(entry.getKey())) {
        throw new IllegalArgumentException(
            shorten(entry.getKey())
                + ": unknown parameter; expected one of "
                + new TreeSet<>(NAMES));
      }
      if (entry.getValue().size() > 1) {
        throw new IllegalArgumentException(entry.getKey() + ": expected one value, got several");
      }
    }
    AuditFilter filter =
        new AuditFilter(
            text(params, "group"),
            text(params, "deviceId"),
            text(params, "user"),
            text(params, "app"),
            text(params, "destination"),
            text(params, "provider"),
            parseEnum("layer", text(params, "layer"), AuditLayer.class),
            parseEnum("mode", text(params, "mode"), ResponseMode.class),
            text(params, "decisionId"),
            text(params, "traceId"),
            time("from", text(params, "from")),
            time("to", text(params, "to")));
    String cursor = text(params, "cursor");
    return new AuditQuery(
        tenant,
        filter,
        integer("limit", text(params, "limit"), AuditQuery.DEFAULT_LIMIT),
        integer("offset", text(params, "offset"), 0),
        cursor == null ? null : AuditCursor.decode(cursor));
  }

  /** At most 40 characters of {@code value}, for error messages. */
  static String shorten(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }

  private static String text(Map<String, List<String>> params, String key) {
    List<String> values = params.get(key);
    if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
      return null;
    }
    return values.get(0).trim();
  }

  private static int integer(String key, String value, int fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + ": expected an integer, got \"" + shorten(value) + "\"");
    }
  }

  /** ISO-8601 instant ({@code 2026-04-01T12:00:00Z}) or date-time with offset. */
  private static Instant time(String key, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException again) {
        throw new IllegalArgumentException(
            key
                + ": expected an ISO-8601 time such as 2026-04-01T12:00:00Z, got \""
                + shorten(value)
                + "\"");
      }
    }
  }

  private static <E extends Enum<E>> E parseEnum(String key, String value, Class<E> type) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          key
              + ": expected one of "
              + Arrays.toString(type.getEnumConstants())
              + ", got \""
              + shorten(value)
              + "\"");
    }
  }
}
