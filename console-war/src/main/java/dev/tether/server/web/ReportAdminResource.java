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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: a tenant's devices and audit events. */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleet", description = "Devices and audit events of a tenant")
public class ReportAdminResource {
  @Inject DeviceService devices;
  @Inject TenantService tenants;
  @Inject AuditService audit;
  @Context UriInfo uri;

  /** 200 array of devices, newest enrollment first, paged; 404 unknown tenant. */
  @GET
  @Path("{tenant}/devices")
  @Requires(Role.AUDITOR)
  @Operation(summary = "List the tenant's devices, newest enrollment first (paged)")
  @APIResponse(
      responseCode = "200",
      description = "devices; headers X-Total-Count and Link",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DeviceSummary.class)))
  @APIResponse(responseCode = "400", description = "limit or offset out of range")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  public Response devices(
      @PathParam("tenant") String tenant,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Paging.Request page = Paging.parse(offset, limit);
    return Paging.ok(devices.list(tenant, page.offset(), page.limit()), uri);
  }

  /**
   * 200 {@code {"total","events","nextCursor"}} newest first, filtered by {@link
   * AuditQueryParams#NAMES} (group, deviceId, user, app, destination, provider, layer, mode,
   * decisionId, traceId, ISO-8601 from/to) and paged by limit/offset or cursor, with {@code
   * X-Total-Count} and a {@code Link} to the next page; 400 naming a bad, unknown or repeated
   * parameter; 404 unknown tenant.
   */
  @GET
  @Path("{tenant}/audit-events")
  @Requires(Role.AUDITOR)
  @Operation(summary = "Search the tenant's audit events, newest first (offset or cursor paged)")
  @APIResponse(
      responseCode = "200",
      description = "{total, events, nextCursor}; headers X-Total-Count and Link",
      content = @Content(schema = @Schema(implementation = AuditPage.class)))
  @APIResponse(responseCode = "400", description = "a bad, unknown or repeated parameter")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  public Response auditEvents(@PathParam("tenant") String tenant) {
    AuditQuery query = AuditQueryParams.parse(tenant, uri.getQueryParameters());
    tenants.requireTenant(tenant);
    AuditPage page = audit.query(query);
    if (query.cursor() != null || page.nextCursor() != null && query.offset() == 0) {
      // Keyset paging: the cursor is the way forward (stable while events arrive).
      Response.ResponseBuilder response =
          Response.ok(page).header(Paging.TOTAL_COUNT, page.total());
      if (page.nextCursor() != null) {
        response.header("Link", Paging.nextCursor(uri, "cursor", page.nextCursor()));
      }
      return response.build();
    }
    return Paging.headers(Response.ok(page), page.total(), query.offset(), query.limit(), uri)
        .build();
  }
}
