package dev.tether.server.web;

import dev.tether.core.json.JsonCodec;
import dev.tether.server.policy.EnrollmentService;
import dev.tether.server.policy.FleetTokenView;
import dev.tether.server.policy.GroupSummary;
import dev.tether.server.policy.IssuedToken;
import dev.tether.server.policy.TenantService;
import dev.tether.server.policy.TenantSummary;
import dev.tether.server.policy.identity.AdminAccess;
import dev.tether.server.policy.identity.AdminPrincipal;
import dev.tether.server.policy.identity.Role;
import dev.tether.server.web.AdminRequests.Named;
import dev.tether.server.web.AdminRequests.TokenRequest;
import dev.tether.server.web.AdminRequests.TokenView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: tenants and device groups (list, create), enrollment tokens. */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tenants", description = "Tenants, device groups and enrollment tokens")
public class TenantAdminResource {
  @Inject TenantService tenants;
  @Inject AdminChanges changes;
  @Inject EnrollmentService enrollment;
  @Inject AdminAccess access;
  @Context UriInfo uri;

  /**
   * 200 array of {@code {"id","name","createdAt"}}, by id (at most 1000): only the tenants the
   * caller holds a grant in (all of them for an all-tenant grant).
   */
  @Operation(summary = "List the tenants the caller holds a grant in")
  @APIResponse(responseCode = "200", description = "tenants by id")
  @APIResponse(responseCode = "401", description = "not signed in")
  @GET
  @SignedIn
  public List<TenantSummary> listTenants() {
    AdminPrincipal who = access.current();
    return tenants.listTenants().stream().filter(t -> who.allows(Role.AUDITOR, t.id())).toList();
  }

  /** 200 array of {@code {"id","name"}}, by id (at most 1000); 404 unknown tenant. */
  @Operation(summary = "List a tenant's device groups")
  @APIResponse(responseCode = "200", description = "groups by id")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  @GET
  @Path("{tenant}/groups")
  @Requires(Role.AUDITOR)
  public List<GroupSummary> listGroups(@PathParam("tenant") String tenant) {
    return tenants.listGroups(tenant);
  }

  /** 201 {@code {"id","name"}}; 400 invalid; 409 exists. */
  @Operation(summary = "Create a tenant (and its root of trust)")
  @APIResponse(responseCode = "201", description = "the tenant; header Location")
  @APIResponse(responseCode = "400", description = "invalid id or name")
  @APIResponse(responseCode = "409", description = "the id exists")
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.SUPER_ADMIN)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Named.class)))
  public Response createTenant(Named body) {
    Named tenant = body.validated("tenant");
    tenants.createTenant(tenant.id(), tenant.name());
    changes.record(null, tenant);
    return Response.created(uri.getAbsolutePathBuilder().path(tenant.id()).build())
        .entity(tenant)
        .build();
  }

  /** 201 {@code {"id","name"}}; 404 unknown tenant; 409 exists. */
  @Operation(summary = "Create a device group in a tenant")
  @APIResponse(responseCode = "201", description = "the group; header Location")
  @APIResponse(responseCode = "400", description = "invalid id or name")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  @APIResponse(responseCode = "409", description = "the id exists")
  @POST
  @Path("{tenant}/groups")
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.TENANT_ADMIN)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Named.class)))
  public Response createGroup(@PathParam("tenant") String tenant, Named body) {
    Named group = body.validated("group");
    tenants.createGroup(tenant, group.id(), group.name());
    changes.record(null, group);
    return Response.created(uri.getAbsolutePathBuilder().path(group.id()).build())
        .entity(group)
        .build();
  }

  /**
   * 201 {@code {"token","expiresAt","maxUses","id"}}; the body ({@code {"ttlHours","maxUses"}}) is
   * optional. {@code maxUses} above 1 issues a fleet token (one MDM profile for many devices),
   * listed and revocable by its {@code id}.
   */
  @Operation(summary = "Issue an enrollment token for the group (shown once)")
  @APIResponse(responseCode = "201", description = "{token, expiresAt, maxUses, id}")
  @APIResponse(responseCode = "400", description = "ttlHours or maxUses out of range")
  @APIResponse(responseCode = "404", description = "unknown tenant or group")
  @APIResponse(responseCode = "413", description = "body too large")
  @POST
  @Path("{tenant}/groups/{group}/enrollment-tokens")
  @Requires(Role.TENANT_ADMIN)
  @RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TokenRequest.class)))
  public Response issueToken(
      @PathParam("tenant") String tenant, @PathParam("group") String group, byte[] body) {
    int ttl = EnrollmentService.DEFAULT_TTL_HOURS;
    int maxUses = 1;
    if (body != null && body.length > 0) {
      if (body.length > TetherJsonProvider.MAX_SMALL_BODY_BYTES) {
        return Problem.response(
            413, "body: larger than " + TetherJsonProvider.MAX_SMALL_BODY_BYTES + " bytes");
      }
      TokenRequest request = JsonCodec.read(body, TokenRequest.class);
      if (request.ttlHours() != null) {
        ttl = request.ttlHours();
      }
      if (request.maxUses() != null) {
        maxUses = request.maxUses();
      }
    }
    IssuedToken token = enrollment.issueToken(tenant, group, ttl, maxUses);
    java.util.Map<String, Object> after = new java.util.LinkedHashMap<>();
    after.put("group", group);
    after.put("expiresAt", token.expiresAt());
    after.put("maxUses", token.maxUses());
    if (token.id() != null) {
      after.put("id", token.id());
    }
    changes.record(null, after);
    return Response.status(Response.Status.CREATED)
        .entity(new TokenView(token.token(), token.expiresAt(), token.maxUses(), token.id()))
        .build();
  }

  /** 200 the group's fleet tokens (never the tokens themselves), newest first, at most 1000. */
  @Operation(summary = "List the group's fleet enrollment tokens and their use counts")
  @APIResponse(responseCode = "200", description = "fleet tokens, newest first")
  @APIResponse(responseCode = "401", description = "not signed in")
  @APIResponse(responseCode = "403", description = "no grant in this tenant")
  @APIResponse(responseCode = "404", description = "unknown tenant or group")
  @GET
  @Path("{tenant}/groups/{group}/enrollment-tokens")
  @Requires(Role.AUDITOR)
  public List<FleetTokenView> listFleetTokens(
      @PathParam("tenant") String tenant, @PathParam("group") String group) {
    return enrollment.fleetTokens(tenant, group);
  }

  /** 200 the revoked fleet token: it enrolls no further device. */
  @Operation(summary = "Revoke a fleet enrollment token")
  @APIResponse(responseCode = "200", description = "the revoked token")
  @APIResponse(responseCode = "401", description = "not signed in")
  @APIResponse(responseCode = "403", description = "not a tenant admin of this tenant")
  @APIResponse(responseCode = "404", description = "unknown tenant, group or token id")
  @DELETE
  @Path("{tenant}/groups/{group}/enrollment-tokens/{id}")
  @Requires(Role.TENANT_ADMIN)
  public FleetTokenView revokeFleetToken(
      @PathParam("tenant") String tenant,
      @PathParam("group") String group,
      @PathParam("id") String id) {
    FleetTokenView revoked = enrollment.revokeFleetToken(tenant, group, id);
    changes.record(null, revoked);
    return revoked;
  }
}
