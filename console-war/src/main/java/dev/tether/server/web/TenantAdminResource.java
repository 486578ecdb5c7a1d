package dev.tether.server.web;

import dev.tether.core.json.JsonCodec;
import dev.tether.server.policy.EnrollmentService;
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

/** Admin API: tenants and device groups (list, create), enrollment tokens. */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
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
  @GET
  @SignedIn
  public List<TenantSummary> listTenants() {
    AdminPrincipal who = access.current();
    return tenants.listTenants().stream().filter(t -> who.allows(Role.AUDITOR, t.id())).toList();
  }

  /** 200 array of {@code {"id","name"}}, by id (at most 1000); 404 unknown tenant. */
  @GET
  @Path("{tenant}/groups")
  @Requires(Role.AUDITOR)
  public List<GroupSummary> listGroups(@PathParam("tenant") String tenant) {
    return tenants.listGroups(tenant);
  }

  /** 201 {@code {"id","name"}}; 400 invalid; 409 exists. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.SUPER_ADMIN)
  public Response createTenant(Named body) {
    Named tenant = body.validated("tenant");
    tenants.createTenant(tenant.id(), tenant.name());
    changes.record(null, tenant);
    return Response.created(uri.getAbsolutePathBuilder().path(tenant.id()).build())
        .entity(tenant)
        .build();
  }

  /** 201 {@code {"id","name"}}; 404 unknown tenant; 409 exists. */
  @POST
  @Path("{tenant}/groups")
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.TENANT_ADMIN)
  public Response createGroup(@PathParam("tenant") String tenant, Named body) {
    Named group = body.validated("group");
    tenants.createGroup(tenant, group.id(), group.name());
    changes.record(null, group);
    return Response.created(uri.getAbsolutePathBuilder().path(group.id()).build())
        .entity(group)
        .build();
  }

  /** 201 {@code {"token","expiresAt"}}; the body is optional. */
  @POST
  @Path("{tenant}/groups/{group}/enrollment-tokens")
  @Requires(Role.TENANT_ADMIN)
  public Response issueToken(
      @PathParam("tenant") String tenant, @PathParam("group") String group, byte[] body) {
    int ttl = EnrollmentService.DEFAULT_TTL_HOURS;
    if (body != null && body.length > 0) {
      if (body.length > TetherJsonProvider.MAX_SMALL_BODY_BYTES) {
        return Problem.response(
            413, "body: larger than " + TetherJsonProvider.MAX_SMALL_BODY_BYTES + " bytes");
      }
      TokenRequest request = JsonCodec.read(body, TokenRequest.class);
      if (request.ttlHours() != null) {
        ttl = request.ttlHours();
      }
    }
    IssuedToken token = enrollment.issueToken(tenant, group, ttl);
    changes.record(null, java.util.Map.of("group", group, "expiresAt", token.expiresAt()));
    return Response.status(Response.Status.CREATED)
        .entity(new TokenView(token.token(), token.expiresAt()))
        .build();
  }
}
