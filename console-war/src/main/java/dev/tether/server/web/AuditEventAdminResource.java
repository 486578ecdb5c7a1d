package dev.tether.server.web;

import dev.tether.server.audit.AuditPage;
import dev.tether.server.audit.AuditQuery;
import dev.tether.server.audit.AuditQueryParams;
import dev.tether.server.audit.AuditService;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin API: search a tenant's audit events. Specific root path ({@code
 * tenants/{tenant}/audit-events}): every path under it belongs here.
 */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants/{tenant}/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleet", description = "Devices and audit events of a tenant")
public class AuditEventAdminResource {
  @Inject TenantService tenants;
  @Inject AuditService audit;
  @Context UriInfo uri;

  /**
   * 200 {@code {"total","events","nextCursor"}} newest first, filtered by {@link
   * AuditQueryParams#NAMES} (group, deviceId, user, app, destination, provider, layer, mode,
   * decisionId, traceId, ISO-8601 from/to) and paged by limit/offset or cursor, with {@code
   * X-Total-Count} and a {@code Link} to the next page; 400 naming a bad, unknown or repeated
   * parameter; 404 unknown tenant.
   */
  @GET
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
