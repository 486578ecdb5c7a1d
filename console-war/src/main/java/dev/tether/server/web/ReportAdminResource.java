package dev.tether.server.web;

import dev.tether.server.audit.AuditPage;
import dev.tether.server.audit.AuditQuery;
import dev.tether.server.audit.AuditQueryParams;
import dev.tether.server.audit.AuditService;
import dev.tether.server.policy.DeviceService;
import dev.tether.server.policy.DeviceSummary;
import dev.tether.server.policy.TenantService;
import dev.tether.server.policy.identity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

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
  @Requires(Role.AUDITOR)
  public List<DeviceSummary> devices(@PathParam("tenant") String tenant) {
    return devices.list(tenant);
  }

  /**
   * 200 {@code {"total","events","nextCursor"}} newest first, filtered by {@link
   * AuditQueryParams#NAMES} (group, deviceId, user, app, destination, provider, layer, mode,
   * decisionId, traceId, ISO-8601 from/to) and paged by limit/offset or cursor; 400 naming a bad,
   * unknown or repeated parameter; 404 unknown tenant.
   */
  @GET
  @Path("{tenant}/audit-events")
  @Requires(Role.AUDITOR)
  public AuditPage auditEvents(@PathParam("tenant") String tenant, @Context UriInfo uri) {
    AuditQuery query = AuditQueryParams.parse(tenant, uri.getQueryParameters());
    tenants.requireTenant(tenant);
    return audit.query(query);
  }
}
