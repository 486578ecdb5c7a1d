package dev.tether.server.web;

import dev.tether.server.policy.identity.AccountService;
import dev.tether.server.policy.identity.ActiveSession;
import dev.tether.server.policy.identity.AdminAccess;
import dev.tether.server.policy.identity.AdminActionLog;
import dev.tether.server.policy.identity.AdminActionRecord;
import dev.tether.server.policy.identity.AdminPrincipal;
import dev.tether.server.policy.identity.AdminSessions;
import dev.tether.server.policy.identity.AuthenticationFailure;
import dev.tether.server.policy.identity.OpenedSession;
import dev.tether.server.policy.identity.RoleGrant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Console sign-in with a local account: {@code POST login} opens a server-side session (cookie
 * {@value SessionCookies#NAME}) and answers the CSRF token; {@code logout} ends it; {@code me} says
 * who is signed in; {@code password} changes the signed-in user's password (all of the user's
 * sessions end, a new one is opened for this browser).
 */
@RequestScoped
@Path("v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "auth",
    description = "Console sign-in: sessions (cookie TETHER_SESSION, header X-CSRF-Token)")
public class AuthResource {
  @Inject AccountService accounts;
  @Inject AdminSessions sessions;
  @Inject AdminAccess access;
  @Inject AdminActionLog actions;
  @Context HttpServletRequest servlet;

  /** {@code {"username","password"}}. */
  public record LoginBody(String username, String password) {
    @Override
    public String toString() {
      return "LoginBody[username=" + username + ", password=masked]";
    }
  }

  /** {@code {"currentPassword","newPassword"}}. */
  public record PasswordBody(String currentPassword, String newPassword) {
    @Override
    public String toString() {
      return "PasswordBody[masked]";
    }
  }

  /** Who is signed in; {@code csrfToken} is null for bearer-token callers. */
  public record Me(
      String user,
      String kind,
      List<RoleGrant> roles,
      String csrfToken,
      Long idleTimeoutSeconds,
      Instant expiresAt) {}

  /**
   * 200 {@link Me} and the session cookie; 401 bad credentials (same for an unknown user), 423
   * locked (Retry-After), 403 a cross-site Origin.
   */
  @Operation(summary = "Sign in with a local account; sets the session cookie")
  @APIResponse(responseCode = "200", description = "who is signed in and the CSRF token")
  @APIResponse(responseCode = "400", description = "malformed body")
  @APIResponse(responseCode = "401", description = "wrong username or password")
  @APIResponse(responseCode = "403", description = "cross-site login form")
  @APIResponse(responseCode = "423", description = "account locked after failed attempts")
  @POST
  @Path("login")
  public Response login(LoginBody body, @CookieParam(SessionCookies.NAME) String previous) {
    refuseCrossSite();
    String username = body == null ? null : body.username();
    try {
      if (body == null || username == null || body.password() == null) {
        throw new IllegalArgumentException("login: username and password are required");
      }
      AdminPrincipal who = accounts.login(username, body.password().toCharArray());
      if (previous != null) {
        sessions.close(previous); // rotation: a pre-login id never survives the login
      }
      OpenedSession session = sessions.open(who);
      record(who.name(), who.kind().name(), "POST", 200, "login", null);
      return Response.ok(
              new Me(
                  who.name(),
                  who.kind().name(),
                  who.grants(),
                  session.csrfToken(),
                  session.idleTimeoutSeconds(),
                  session.absoluteExpiry()))
          .header(HttpHeaders.SET_COOKIE, SessionCookies.set(servlet, session))
          .build();
    } catch (AuthenticationFailure e) {
      record(bounded(username), "NONE", "POST", e.status(), "login refused", null);
      throw e;
    }
  }

  /** 204; ends this browser's session and clears the cookie. */
  @Operation(summary = "Sign out: end this session and clear the cookie")
  @APIResponse(responseCode = "204", description = "signed out")
  @APIResponse(responseCode = "401", description = "not signed in")
  @POST
  @Path("logout")
  @AdminOnly
  @SignedIn
  public Response logout(@CookieParam(SessionCookies.NAME) String cookie) {
    if (cookie != null) {
      sessions.close(cookie);
    }
    return Response.noContent()
        .header(HttpHeaders.SET_COOKIE, SessionCookies.clear(servlet))
        .build();
  }

  /** 200 {@link Me}. */
  @Operation(summary = "Who is signed in (roles, CSRF token for sessions)")
  @APIResponse(responseCode = "200", description = "the principal")
  @APIResponse(responseCode = "401", description = "not signed in")
  @GET
  @Path("me")
  @AdminOnly
  @SignedIn
  public Me me(@CookieParam(SessionCookies.NAME) String cookie) {
    AdminPrincipal who = access.current();
    ActiveSession session =
        servlet.getHeader(HttpHeaders.AUTHORIZATION) == null && cookie != null
            ? sessions.resolve(cookie).orElse(null)
            : null;
    return new Me(
        who.name(),
        who.kind().name(),
        who.grants(),
        session == null ? null : session.csrfToken(),
        session == null ? null : session.idleTimeoutSeconds(),
        null);
  }

  /** 200 {@link Me} of a fresh session; 400 policy; 401/423 wrong current password. */
  @Operation(summary = "Change the own password (other sessions end)")
  @APIResponse(responseCode = "200", description = "a fresh session")
  @APIResponse(responseCode = "400", description = "password policy")
  @APIResponse(responseCode = "401", description = "not signed in")
  @APIResponse(responseCode = "423", description = "locked")
  @POST
  @Path("password")
  @AdminOnly
  @SignedIn
  public Response changePassword(PasswordBody body) {
    if (body == null || body.currentPassword() == null || body.newPassword() == null) {
      throw new IllegalArgumentException("password: currentPassword and newPassword are required");
    }
    AdminPrincipal who = access.current();
    accounts.changePassword(
        who, body.currentPassword().toCharArray(), body.newPassword().toCharArray());
    OpenedSession session = sessions.open(who);
    return Response.ok(
            new Me(
                who.name(),
                who.kind().name(),
                who.grants(),
                session.csrfToken(),
                session.idleTimeoutSeconds(),
                session.absoluteExpiry()))
        .header(HttpHeaders.SET_COOKIE, SessionCookies.set(servlet, session))
        .build();
  }

  /** A login form posted from another site is refused (login CSRF). */
  private void refuseCrossSite() {
    String origin = servlet.getHeader("Origin");
    if (origin == null || origin.equals("null")) {
      return;
    }
    try {
      URI o = URI.create(origin);
      String host = servlet.getHeader(HttpHeaders.HOST);
      if (host != null && host.equalsIgnoreCase(o.getRawAuthority())) {
        return;
      }
    } catch (IllegalArgumentException e) {
      // falls through to the refusal
    }
    throw new dev.tether.server.policy.TetherException(
        dev.tether.server.policy.TetherException.Kind.FORBIDDEN, "Origin: not this server");
  }

  private void record(
      String actor, String kind, String method, int status, String detail, String after) {
    actions.append(
        new AdminActionRecord(
            null,
            Instant.now(),
            actor == null || actor.isBlank() ? "anonymous" : actor,
            kind,
            method,
            "/api/v1/auth/login",
            null,
            status,
            AdminActionRecord.outcomeOf(status),
            null,
            after,
            detail,
            servlet.getRemoteAddr()));
  }

  private static String bounded(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    return v.length() > 64 ? v.substring(0, 64) + "..." : v;
  }
}
