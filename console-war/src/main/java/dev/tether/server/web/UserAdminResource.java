package dev.tether.server.web;

import dev.tether.server.policy.identity.AccountService;
import dev.tether.server.policy.identity.AccountView;
import dev.tether.server.policy.identity.AdminAccess;
import dev.tether.server.web.AccessRequests.NewUser;
import dev.tether.server.web.AccessRequests.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
 * Admin API: local accounts. Who may manage which account is decided by {@link AccountService}
 * (super-admin: all; tenant-admin: accounts whose every grant lies in tenants it administers; 404
 * for the rest). Generated passwords are returned once and never logged or recorded.
 */
@RequestScoped
@AdminOnly
@Path("v1/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users", description = "Local accounts (super-admin, tenant-admin)")
public class UserAdminResource {
  @Inject AccountService accounts;
  @Inject AdminAccess access;
  @Inject AdminChanges changes;

  /** 201 the account ({@code initialPassword} only when generated); 400; 403; 409. */
  @Operation(summary = "Create a local account (password generated unless given)")
  @APIResponse(
      responseCode = "201",
      description = "the account; initialPassword once when generated")
  @APIResponse(responseCode = "400", description = "invalid username, password or roles")
  @APIResponse(responseCode = "401", description = "not signed in")
  @APIResponse(responseCode = "403", description = "a role outside the caller's tenants")
  @APIResponse(responseCode = "409", description = "the username exists")
  @POST
  @SignedIn
  @Consumes(MediaType.APPLICATION_JSON)
  public Response createUser(NewUser body) {
    if (body == null) {
      throw new IllegalArgumentException("body: user required");
    }
    AccountView created =
        accounts.create(
            access.current(),
            body.username(),
            body.password() == null ? null : body.password().toCharArray(),
            body.roles());
    changes.record(null, withoutPassword(created));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  /** 200 the accounts the caller may manage. */
  @Operation(summary = "List the accounts the caller may manage")
  @APIResponse(responseCode = "200", description = "accounts")
  @APIResponse(responseCode = "401", description = "not signed in")
  @GET
  @SignedIn
  public List<AccountView> listUsers() {
    return accounts.list(access.current());
  }

  /** 200 the account with its new roles; its sessions end and its API tokens are revoked. */
  @Operation(summary = "Replace an account's roles (its sessions end, API tokens revoked)")
  @APIResponse(responseCode = "200", description = "the account with its new roles")
  @APIResponse(responseCode = "400", description = "invalid roles")
  @APIResponse(responseCode = "401", description = "not signed in")
  @APIResponse(responseCode = "403", description = "a role outside the caller's tenants")
  @APIResponse(
      responseCode = "404",
      description = "unknown account or not manageable by the caller")
  @PUT
  @SignedIn
  @Path("{username}/roles")
  @Consumes(MediaType.APPLICATION_JSON)
  public AccountView setRoles(@PathParam("username") String username, Roles body) {
    if (body == null || body.roles() == null) {
      throw new IllegalArgumentException("roles: required");
    }
    List<AccountView> beforeAfter = accounts.setRoles(access.current(), username, body.roles());
    changes.record(beforeAfter.get(0), beforeAfter.get(1));
    return beforeAfter.get(1);
  }

  /** 200 the account with a new generated password (shown once); its sessions end. */
  @Operation(summary = "Reset an account's password (generated, shown once; sessions end)")
  @APIResponse(responseCode = "200", description = "the account with initialPassword")
  @APIResponse(responseCode = "401", description = "not signed in")
  @APIResponse(
      responseCode = "404",
      description = "unknown account or not manageable by the caller")
  @POST
  @SignedIn
  @Path("{username}/password-reset")
  public AccountView resetPassword(@PathParam("username") String username) {
    AccountView reset = accounts.resetPassword(access.current(), username);
    changes.record(null, withoutPassword(reset));
    return reset;
  }

  /** 200 the disabled account; its sessions end and its API tokens are revoked. */
  @Operation(summary = "Disable an account (sessions end, API tokens revoked)")
  @APIResponse(responseCode = "200", description = "the disabled account")
  @APIResponse(responseCode = "401", description = "not signed in")
  @APIResponse(
      responseCode = "404",
      description = "unknown account or not manageable by the caller")
  @DELETE
  @SignedIn
  @Path("{username}")
  public AccountView disableUser(@PathParam("username") String username) {
    AccountView disabled = accounts.disable(access.current(), username);
    changes.record(null, disabled);
    return disabled;
  }

  private static AccountView withoutPassword(AccountView v) {
    return new AccountView(
        v.username(), v.roles(), v.disabled(), v.createdAt(), v.createdBy(), null);
  }
}
