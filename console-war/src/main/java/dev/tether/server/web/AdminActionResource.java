package dev.tether.server.web;

import dev.tether.server.policy.TenantService;
import dev.tether.server.policy.identity.AdminActionLog;
import dev.tether.server.policy.identity.AdminActionRecord;
import dev.tether.server.policy.identity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: a tenant's admin action log (newest first, paged by {@code before=<id>}). */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin-actions")
public class AdminActionResource {
  @Inject AdminActionLog log;
  @Inject TenantService tenants;

  /** 200 the tenant's records; 400 bad limit/before; 404 unknown tenant. */
  @Operation(summary = "List a tenant's admin actions, newest first (cursor before=<id>)")
  @APIResponse(responseCode = "200", description = "records")
  @APIResponse(responseCode = "400", description = "bad limit or before")
  @APIResponse(responseCode = "401", description = "not signed in")
  @APIResponse(responseCode = "403", description = "no auditor role in the tenant")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  @GET
  @Requires(Role.AUDITOR)
  @Path("{tenant}/admin-actions")
  public List<AdminActionRecord> listTenantAdminActions(
      @PathParam("tenant") String tenant,
      @QueryParam("limit") String limit,
      @QueryParam("before") String before) {
    tenants.requireTenant(tenant);
    return log.list(tenant, parseBefore(before), parseLimit(limit));
  }

  static int parseLimit(String limit) {
    try {
      return limit == null || limit.isBlank() ? 100 : Integer.parseInt(limit.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit: expected an integer");
    }
  }

  static Long parseBefore(String before) {
    try {
      return before == null || before.isBlank() ? null : Long.parseLong(before.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("before: expected a record id");
    }
  }
}
