package dev.tether.server.web;

import dev.tether.server.policy.TenantService;
import dev.tether.server.policy.identity.Role;
import dev.tether.server.policy.release.ReleasePublication;
import dev.tether.server.policy.release.ReleaseService;
import dev.tether.server.policy.release.ReleaseView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin API: agent releases of a tenant. Publishing signs release metadata with the tenant's online
 * signing key; the artifact must already be in the server's {@code agent-releases} directory.
 */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "releases", description = "Signed agent release metadata (self-update)")
public class ReleaseAdminResource {
  @Inject ReleaseService releases;
  @Inject TenantService tenants;
  @Inject AdminChanges changes;
  @Context SecurityContext security;

  /** 201 {@link ReleaseView}; 400 malformed; 404 tenant or artifact; 409 not newer. */
  @Operation(summary = "Publish an agent release (version newer than the platform's last)")
  @APIResponse(responseCode = "201", description = "the published release")
  @APIResponse(responseCode = "400", description = "malformed request or oversized artifact")
  @APIResponse(responseCode = "404", description = "unknown tenant or artifact file")
  @APIResponse(responseCode = "409", description = "version not newer than the last release")
  @POST
  @Path("{tenant}/agent-releases")
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.TENANT_ADMIN)
  public Response publishRelease(@PathParam("tenant") String tenant, ReleasePublication request) {
    tenants.requireTenant(tenant);
    ReleaseView view = releases.publish(tenant, request, AdminRequests.actor(security));
    changes.record(null, view);
    return Response.status(Response.Status.CREATED).entity(view).build();
  }

  /** 200 the tenant's releases, newest first. */
  @Operation(summary = "List the tenant's agent releases, newest first (bounded)")
  @APIResponse(responseCode = "200", description = "releases")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  @GET
  @Path("{tenant}/agent-releases")
  @Requires(Role.AUDITOR)
  public List<ReleaseView> listReleases(@PathParam("tenant") String tenant) {
    tenants.requireTenant(tenant);
    return releases.list(tenant);
  }
}
