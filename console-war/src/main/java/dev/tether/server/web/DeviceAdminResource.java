package dev.tether.server.web;

import dev.tether.server.policy.DeviceService;
import dev.tether.server.policy.DeviceSummary;
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

/**
 * Admin API: a tenant's devices. Its root path is specific ({@code tenants/{tenant}/devices}), so
 * it never captures another resource's {@code tenants/...} path; every path under it belongs here
 * (JAX-RS picks the root resource with the most literal characters first and does not backtrack).
 */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants/{tenant}/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleet", description = "Devices and audit events of a tenant")
public class DeviceAdminResource {
  @Inject DeviceService devices;
  @Context UriInfo uri;

  /** 200 array of devices, newest enrollment first, paged; 404 unknown tenant. */
  @GET
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
}
