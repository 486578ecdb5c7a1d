package dev.tether.server.web;

import dev.tether.server.audit.AuditStats;
import dev.tether.server.audit.AuditStatsService;
import dev.tether.server.policy.TenantService;
import dev.tether.server.policy.identity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: dashboard aggregates of a tenant's audit records (counts only, no content). */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleet")
public class DashboardAdminResource {
  /** Window when the caller names none. */
  static final int DEFAULT_DAYS = 14;

  @Inject TenantService tenants;
  @Inject AuditStatsService stats;

  /**
   * 200 {@link AuditStats} for the last {@code days} UTC days (1..90, default 14); 400 naming a bad
   * {@code days}; 404 unknown tenant.
   */
  @Operation(summary = "Dashboard aggregates of the tenant's decisions (counts only)")
  @APIResponse(responseCode = "200", description = "series and top lists")
  @APIResponse(responseCode = "400", description = "days out of range")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  @GET
  @Path("{tenant}/dashboard")
  @Requires(Role.AUDITOR)
  public AuditStats dashboard(@PathParam("tenant") String tenant, @QueryParam("days") String days) {
    int window = DEFAULT_DAYS;
    if (days != null && !days.isBlank()) {
      try {
        window = Integer.parseInt(days.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "days: expected an integer, got \""
                + (days.length() > 40 ? days.substring(0, 40) + "..." : days)
                + "\"");
      }
    }
    AuditStats.requireDays(window);
    tenants.requireTenant(tenant);
    return stats.stats(tenant, window);
  }
}
