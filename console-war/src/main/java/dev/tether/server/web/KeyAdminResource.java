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
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin API: a tenant's keys. Listing shows public parts only. Rotating or revoking a signing key
 * and rotating the root each write a new root version that devices pick up without re-enrolling.
 */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "keys", description = "Root of trust and signing keys of a tenant")
// One root path for every admin resource: JAX-RS picks a root resource before its methods and
// does not backtrack, so a longer root path here would hide the other resources' sub-paths.
public class KeyAdminResource {
  @Inject TrustService trust;
  @Inject AdminChanges changes;
  @Inject KeyAdminService keyAdmin;
  @Inject TenantService tenants;
  @Context SecurityContext security;
  @Context UriInfo uri;

  /** 200 {@link KeyRing}; 404 unknown tenant. */
  @Operation(summary = "Get the tenant's root and signing keys (public parts only)")
  @APIResponse(responseCode = "200", description = "the key ring")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  @GET
  @Path("{tenant}/keys")
  @Requires(Role.AUDITOR)
  public KeyRing keys(@PathParam("tenant") String tenant) {
    tenants.requireTenant(tenant);
    return trust.keyRing(tenant);
  }

  /**
   * 200 root envelopes after {@code after} (default 0), oldest first, bounded; a {@code Link} to
   * the next page (cursor {@code after}) when the page is full.
   */
  @GET
  @Path("{tenant}/roots")
  @Requires(Role.AUDITOR)
  @Operation(summary = "List signed root versions after a version, oldest first (cursor paged)")
  @APIResponse(responseCode = "200", description = "root envelopes; Link rel=next when full")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  public Response roots(@PathParam("tenant") String tenant, @QueryParam("after") Long after) {
    tenants.requireTenant(tenant);
    long from = after == null ? 0 : after;
    List<SignedBundle> chain = trust.chain(tenant, from);
    Response.ResponseBuilder response = Response.ok(chain);
    if (chain.size() >= dev.tether.core.bundle.RootVerifier.MAX_CHAIN_LENGTH) {
      response.header("Link", Paging.nextCursor(uri, "after", from + chain.size()));
    }
    return response.build();
  }

  /** 201 {@link RootChange}: a new signing key signs from now on; 409 root keys missing. */
  @Operation(summary = "Rotate the signing key (a new root version delegates a new key)")
  @APIResponse(responseCode = "201", description = "the new root version")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  @APIResponse(responseCode = "409", description = "fewer root key files than the threshold")
  @POST
  @Path("{tenant}/keys/signing/rotate")
  @Requires(Role.TENANT_ADMIN)
  @RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ChangeNote.class)))
  public Response rotateSigningKey(@PathParam("tenant") String tenant, byte[] body) {
    tenants.requireTenant(tenant);
    ChangeNote note = AdminRequests.optionalBody(body, ChangeNote.class, new ChangeNote(null));
    return created(trust.rotateSigningKey(tenant, AdminRequests.actor(security), note.note()));
  }

  /**
   * 201 {@link RootChange}: the key is revoked and destroyed, every published group re-signed; 404
   * unknown key; 409 root keys missing.
   */
  @Operation(summary = "Revoke a signing key; every published group is re-signed")
  @APIResponse(responseCode = "201", description = "the new root version")
  @APIResponse(responseCode = "404", description = "unknown tenant or not a delegated key")
  @APIResponse(responseCode = "409", description = "fewer root key files than the threshold")
  @POST
  @Path("{tenant}/keys/signing/{keyId}/revoke")
  @Requires(Role.TENANT_ADMIN)
  @RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ChangeNote.class)))
  public Response revokeSigningKey(
      @PathParam("tenant") String tenant, @PathParam("keyId") String keyId, byte[] body) {
    tenants.requireTenant(tenant);
    ChangeNote note = AdminRequests.optionalBody(body, ChangeNote.class, new ChangeNote(null));
    return created(
        keyAdmin.revokeSigningKey(tenant, keyId, AdminRequests.actor(security), note.note()));
  }

  /** 201 {@link RootChange}: new root keys, signed by the old and new thresholds; 400; 409. */
  @Operation(summary = "Rotate the root keys (signed by old and new thresholds)")
  @APIResponse(responseCode = "201", description = "the new root version")
  @APIResponse(responseCode = "400", description = "keys or threshold out of range")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  @APIResponse(responseCode = "409", description = "fewer root key files than the threshold")
  @POST
  @Path("{tenant}/keys/root/rotate")
  @Requires(Role.TENANT_ADMIN)
  @RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RootRotation.class)))
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
