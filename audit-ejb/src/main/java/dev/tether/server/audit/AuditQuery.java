package dev.tether.server.audit;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.bundle.Identifiers;
import dev.tether.core.policy.ResponseMode;

/**
 * A filter over one tenant's audit records, newest first.
 *
 * @param deviceId only this device, or null
 * @param layer only this layer, or null
 * @param mode only this mode, or null
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 * @param offset records to skip, >= 0
 */
public record AuditQuery(
    String tenant, String deviceId, AuditLayer layer, ResponseMode mode, int limit, int offset) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public AuditQuery {
    Identifiers.require("tenant", tenant);
    if (deviceId != null && (deviceId.isBlank() || deviceId.length() > 255)) {
      throw new IllegalArgumentException(
          "deviceId: expected 1 to 255 characters, got \"" + deviceId + "\"");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: expected 1 to " + MAX_LIMIT + ", got " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset: expected >= 0, got " + offset);
    }
  }
}
