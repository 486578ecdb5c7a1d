package dev.tether.server.web;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import dev.tether.server.audit.AuditPage;
import dev.tether.server.audit.AuditQuery;
import dev.tether.server.audit.AuditService;
import dev.tether.server.policy.DeviceService;
import dev.tether.server.policy.DeviceSummary;
import dev.tether.server.policy.TenantService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Admin API: a tenant's devices and audit events. */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class ReportAdminResource {
  @Inject DeviceService devices;
  @Inject TenantService tenants;
  @Inject AuditService audit;

  /** 200 array of devices, newest enrollment first; 404 unknown tenant. */
  @GET
  @Path("{tenant}/devices")
  public List<DeviceSummary> devices(@PathParam("tenant") String tenant) {
    return devices.list(tenant);
  }

  /** 200 {@code {"total","events"}} newest first; 400 naming a bad filter; 404 unknown tenant. */
  @GET
  @Path("{tenant}/audit-events")
  public AuditPage auditEvents(
      @PathParam("tenant") String tenant,
      @QueryParam("deviceId") String deviceId,
      @QueryParam("layer") String layer,
      @QueryParam("mode") String mode,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    AuditQuery query =
        new AuditQuery(
            tenant,
            blankToNull(deviceId),
            parseEnum("layer", layer, AuditLayer.class),
            parseEnum("mode", mode, ResponseMode.class),
            parseInt("limit", limit, AuditQuery.DEFAULT_LIMIT),
            parseInt("offset", offset, 0));
    tenants.requireTenant(tenant);
    return audit.query(query);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static int parseInt(String key, String value, int fallback) {
    if (blankToNull(value) == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + ": expected an integer, got \"" + truncate(value) + "\"");
    }
  }

  private static <E extends Enum<E>> E parseEnum(String key, String value, Class<E> type) {
    if (blankToNull(value) == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          key
              + ": expected one of "
              + Arrays.toString(type.getEnumConstants())
              + ", got \""
              + truncate(value)
              + "\"");
    }
  }

  private static String truncate(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }
}
