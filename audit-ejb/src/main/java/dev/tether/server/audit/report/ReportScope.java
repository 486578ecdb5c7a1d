package dev.tether.server.audit.report;

import dev.tether.core.bundle.Identifiers;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one report covers: a tenant's audit records whose {@code occurredAt} is in {@code [from,
 * to)} and whose leaf index is below {@code logSize} (the tree size of {@code checkpoint}).
 *
 * @param tenant the tenant
 * @param from start, inclusive
 * @param to end, exclusive
 * @param logSize audit-log tree size every figure is bounded by
 * @param checkpoint the signed checkpoint note of that size, or null when none was signed yet
 */
public record ReportScope(
    String tenant, Instant from, Instant to, long logSize, String checkpoint) {
  /** Longest period one report covers. */
  public static final Duration MAX_PERIOD = Duration.ofDays(366);

  public ReportScope {
    Identifiers.require("tenant", tenant);
    Objects.requireNonNull(from, "from: required");
    Objects.requireNonNull(to, "to: required");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from: must be before to, got " + from + " and " + to);
    }
    if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
      throw new IllegalArgumentException(
          "to: period longer than " + MAX_PERIOD.toDays() + " days (" + from + " to " + to + ")");
    }
    if (logSize < 0) {
      throw new IllegalArgumentException("logSize: expected >= 0, got " + logSize);
    }
  }
}
