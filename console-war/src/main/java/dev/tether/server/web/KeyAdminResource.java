package dev.tether.server.web;

import dev.tether.core.bundle.SignedBundle;
import dev.tether.server.policy.KeyAdminService;
import dev.tether.server.policy.KeyRing;
import dev.tether.server.policy.RootChange;
import dev.tether.server.policy.TenantService;
import dev.tether.server.policy.TrustService;
import dev.tether.server.policy.identity.Role;
import dev.tether.server.web.AdminRequests.ChangeNote;
import dev.tether.server.web.AdminRequests.RootRotation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * Admin API: a tenant's keys. Listing shows public parts only. Rotating or revoking a signing key
 * and rotating the root each write a new root version that devices pick up without re-enrolling.
 */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
// One root path for every admin resource: JAX-RS picks a root resource before its methods and
// does not backtrack, so a longer root path here would hide the other resources' sub-paths.
public class KeyAdminResource {
  @Inject TrustService trust;
  @Inject AdminChanges changes;
  @Inject KeyAdminService keyAdmin;
  @Inject TenantService tenants;
  @Context SecurityContext security;

  /** 200 {@link KeyRing}; 404 unknown tenant. */
  @GET
  @Path("{tenant}/keys")
  @Requires(Role.AUDITOR)
  public KeyRing keys(@PathParam("tenant") String tenant) {
    tenants.requireTenant(tenant);
    return trust.keyRing(tenant);
  }

  /** 200 root envelopes after {@code after} (default 0), oldest first, bounded. */
  @GET
  @Path("{tenant}/roots")
  @Requires(Role.AUDITOR)
  public List<SignedBundle> roots(
      @PathParam("tenant") String tenant, @QueryParam("after") Long after) {
    tenants.requireTenant(tenant);
    return trust.chain(tenant, after == null ? 0 : after);
  }

  /** 201 {@link RootChange}: a new signing key signs from now on; 409 root keys missing. */
  @POST
  @Path("{tenant}/keys/signing/rotate")
  @Requires(Role.TENANT_ADMIN)
  public Response rotateSigningKey(@PathParam("tenant") String tenant, byte[] body) {
    tenants.requireTenant(tenant);
    ChangeNote note = AdminRequests.optionalBody(body, ChangeNote.class, new ChangeNote(null));
    return created(trust.rotateSigningKey(tenant, AdminRequests.actor(security), note.note()));
  }

  /**
   * 201 {@link RootChange}: the key is revoked and destroyed, every published group re-signed; 404
   * unknown key; 409 root keys missing.
   */
  @POST
  @Path("{tenant}/keys/signing/{keyId}/revoke")
  @Requires(Role.TENANT_ADMIN)
  public Response revokeSigningKey(
      @PathParam("tenant") String tenant, @PathParam("keyId") String keyId, byte[] body) {
    tenants.requireTenant(tenant);
    ChangeNote note = AdminRequests.optionalBody(body, ChangeNote.class, new ChangeNote(null));
    return created(
        keyAdmin.revokeSigningKey(tenant, keyId, AdminRequests.actor(security), note.note()));
  }

  /** 201 {@link RootChange}: new root keys, signed by the old and new thresholds; 400; 409. */
  @POST
  @Path("{tenant}/keys/root/rotate")
  @Requires(Role.TENANT_ADMIN)
  public Response rotateRoot(@PathParam("tenant") String tenant, byte[] body) {
    tenants.requireTenant(tenant);
    RootRotation request =
        AdminRequests.optionalBody(body, RootRotation.class, new RootRotation(null, null, null));
    return created(
        trust.rotateRoot(
            tenant,
            request.keys(),
            request.threshold(),
            AdminRequests.actor(security),
            request.note()));
  }

  private Response created(RootChange change) {
    changes.record(null, change);
    return Response.status(Response.Status.CREATED).entity(change).build();
  }
}
