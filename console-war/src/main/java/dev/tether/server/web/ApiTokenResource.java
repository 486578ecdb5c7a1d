package dev.tether.server.web;

import dev.tether.server.policy.identity.AdminAccess;
import dev.tether.server.policy.identity.ApiTokenService;
import dev.tether.server.policy.identity.ApiTokenView;
import dev.tether.server.policy.identity.CreatedApiToken;
import dev.tether.server.web.AccessRequests.NewToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin API: API tokens for automation. A token carries at most the creator's own grants, expires
 * (default 90 days, at most 365), is shown once and stored hashed; the creator (or a super-admin)
 * revokes it.
 */
@RequestScoped
@AdminOnly
@Path("v1/admin/api-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "api-tokens", description = "Scoped, revocable API tokens for automation")
public class ApiTokenResource {
  @Inject ApiTokenService tokens;
  @Inject AdminAccess access;
  @Inject AdminChanges changes;

  /** 201 {@code {"token":"tth_...","details":{...}}}; 400; 403 a grant not held. */
  @Operation(
      summary = "Create an API token with a subset of the caller's grants (secret shown once)")
  @APIResponse(responseCode = "201", description = "{token, details}")
  @APIResponse(responseCode = "400", description = "invalid name, grants or expiry")
  @APIResponse(responseCode = "401", description = "not signed in")
  @APIResponse(responseCode = "403", description = "a grant the caller does not hold")
  @POST
  @SignedIn
  @Consumes(MediaType.APPLICATION_JSON)
  public Response createApiToken(NewToken body) {
    if (body == null) {
      throw new IllegalArgumentException("body: token request required");
    }
    CreatedApiToken created =
        tokens.create(access.current(), body.name(), body.roles(), body.expiresInDays());
    changes.record(null, created.details());
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  /** 200 the caller's tokens (all for a super-admin), newest first; never the secrets. */
  @Operation(summary = "List the caller's API tokens (all for a super-admin), never the secrets")
  @APIResponse(responseCode = "200", description = "tokens, newest first")
  @APIResponse(responseCode = "401", description = "not signed in")
  @GET
  @SignedIn
  public List<ApiTokenView> listApiTokens() {
    return tokens.list(access.current());
  }

  /** 200 the revoked token; 404 unknown or someone else's. */
  @Operation(summary = "Revoke an API token")
  @APIResponse(responseCode = "200", description = "the revoked token")
  @APIResponse(responseCode = "401", description = "not signed in")
  @APIResponse(responseCode = "404", description = "unknown token or someone else's")
  @DELETE
  @SignedIn
  @Path("{id}")
  public ApiTokenView revokeApiToken(@PathParam("id") String id) {
    ApiTokenView revoked = tokens.revoke(access.current(), id);
    changes.record(null, revoked);
    return revoked;
  }
}
