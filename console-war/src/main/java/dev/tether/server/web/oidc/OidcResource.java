package dev.tether.server.web.oidc;

import dev.tether.server.policy.identity.AdminActionLog;
import dev.tether.server.policy.identity.AdminActionRecord;
import dev.tether.server.policy.identity.AdminPrincipal;
import dev.tether.server.policy.identity.AdminSessions;
import dev.tether.server.policy.identity.OpenedSession;
import dev.tether.server.web.Problem;
import dev.tether.server.web.SessionCookies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OpenID Connect sign-in for the console (see the package description). No admin credential is
 * needed to call these: they are how one is obtained. Every completed or refused sign-in is written
 * to the admin action log.
 */
@RequestScoped
@Path("v1/auth/oidc")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class OidcResource {
  private static final System.Logger LOG = System.getLogger(OidcResource.class.getName());

  /** Console paths a sign-in may return to (relative to the context root). */
  private static final Pattern RETURN_TO = Pattern.compile("/console/[A-Za-z0-9/_.\\-]{0,200}");

  private static final String CONSOLE = "/console/";

  @Inject OidcClient client;
  @Inject AdminSessions sessions;
  @Inject AdminActionLog actions;
  @Context HttpServletRequest servlet;

  /** Whether the console should offer single sign-on, and its button label. */
  public record Status(boolean enabled, String label, String loginPath) {}

  /** 200 {@link Status}; 503 when the settings file is invalid. */
  @GET
  @Operation(summary = "Whether single sign-on is configured (for the login page)")
  @APIResponse(responseCode = "200", description = "{enabled, label, loginPath}")
  @APIResponse(responseCode = "503", description = "the OIDC settings file is invalid")
  public Response status() {
    Optional<OidcSettings> settings;
    try {
      settings = client.settings();
    } catch (IllegalArgumentException e) {
      LOG.log(System.Logger.Level.ERROR, "oidc settings invalid: {0}", e.getMessage());
      return Problem.response(503, "oidc: single sign-on is misconfigured; see the server log");
    }
    return Response.ok(
            settings
                .map(s -> new Status(true, s.buttonLabel(), "api/v1/auth/oidc/login"))
                .orElse(new Status(false, null, null)))
        .build();
  }

  /** 302 to the provider with the sign-in cookie; 404 when off; 502/503 provider or settings. */
  @GET
  @Path("login")
  @Operation(summary = "Start single sign-on: redirect to the OpenID provider (code + PKCE)")
  @APIResponse(responseCode = "302", description = "to the provider's authorization endpoint")
  @APIResponse(
      responseCode = "303",
      description = "a browser (Accept: text/html) to console/login.html?sso=<status> on failure")
  @APIResponse(responseCode = "400", description = "returnTo is not a console path")
  @APIResponse(responseCode = "404", description = "single sign-on is not configured")
  @APIResponse(responseCode = "502", description = "the provider cannot be reached")
  @APIResponse(responseCode = "503", description = "the OIDC settings file is invalid")
  public Response login(
      @QueryParam("returnTo") String returnTo, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
    String target = returnTo == null || returnTo.isBlank() ? CONSOLE : returnTo.trim();
    if (!RETURN_TO.matcher(target).matches() || target.contains("..")) {
      throw new IllegalArgumentException("returnTo: expected a console path, got a different one");
    }
    try {
      OidcClient.Authorization authorization = client.begin(target);
      return Response.status(Response.Status.FOUND)
          .location(authorization.redirect())
          .header(
              HttpHeaders.SET_COOKIE,
              flowCookie(authorization.cookie(), FlowCookie.MAX_AGE_SECONDS))
          .header(HttpHeaders.CACHE_CONTROL, "no-store")
          .build();
    } catch (OidcException e) {
      return failure(e.status(), e.getMessage(), accept).build();
    }
  }

  /**
   * 303 to the console with a new session cookie; 401 state, code or ID token refused; 403 no role
   * mapped; 502 provider failure.
   */
  @GET
  @Path("callback")
  @Operation(summary = "Finish single sign-on: verify the provider's answer, open a session")
  @APIResponse(
      responseCode = "303",
      description =
          "to the console with the session cookie; a refused sign-in from a browser (Accept:"
              + " text/html) to console/login.html?sso=<status> instead of problem+json")
  @APIResponse(responseCode = "401", description = "state, code or ID token refused")
  @APIResponse(responseCode = "403", description = "no Tether role is mapped to the user")
  @APIResponse(responseCode = "404", description = "single sign-on is not configured")
  @APIResponse(responseCode = "502", description = "the provider failed")
  public Response callback(
      @QueryParam("code") String code,
      @QueryParam("state") String state,
      @QueryParam("error") String error,
      @CookieParam(FlowCookie.NAME) String cookie,
      @CookieParam(SessionCookies.NAME) String previous,
      @HeaderParam(HttpHeaders.ACCEPT) String accept) {
    try {
      if (error != null) {
        throw new OidcException(
            401, "oidc: the provider refused the sign-in (" + safe(error) + ")");
      }
      OidcClient.SignedIn signedIn = client.complete(code, state, cookie);
      AdminPrincipal who = signedIn.principal();
      if (previous != null) {
        sessions.close(previous); // a pre-login session id never survives a sign-in
      }
      OpenedSession session = sessions.open(who);
      record(who.name(), 303, "oidc sign-in", grantsOf(who));
      return Response.seeOther(URI.create(servlet.getContextPath() + signedIn.returnTo()))
          .header(HttpHeaders.SET_COOKIE, SessionCookies.set(servlet, session))
          .header(HttpHeaders.SET_COOKIE, flowCookie("", 0))
          .header(HttpHeaders.CACHE_CONTROL, "no-store")
          .build();
    } catch (OidcException e) {
      record("anonymous", e.status(), "oidc sign-in refused: " + e.getMessage(), null);
      return failure(e.status(), e.getMessage(), accept)
          .header(HttpHeaders.SET_COOKIE, flowCookie("", 0))
          .build();
    }
  }

  /**
   * A refused sign-in: problem+json for API clients; a browser navigation (it asks for HTML) is
   * sent back to the console's login page with the status only, which the page turns into a fixed
   * message (no server text is reflected through the URL).
   */
  private Response.ResponseBuilder failure(int status, String detail, String accept) {
    if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
      return Response.seeOther(
              URI.create(servlet.getContextPath() + CONSOLE + "login.html?sso=" + status))
          .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    return Response.fromResponse(Problem.response(status, detail));
  }

  private String flowCookie(String value, long maxAge) {
    String path = servlet.getContextPath() + "/api/v1/auth/oidc";
    return FlowCookie.NAME
        + "="
        + value
        + "; Max-Age="
        + maxAge
        + "; Path="
        + path
        + "; HttpOnly; SameSite=Lax"
        + (servlet.isSecure() ? "; Secure" : "");
  }

  private void record(String actor, int status, String detail, String after) {
    actions.append(
        new AdminActionRecord(
            null,
            Instant.now(),
            actor,
            "OIDC",
            "GET",
            "/api/v1/auth/oidc/callback",
            null,
            status,
            AdminActionRecord.outcomeOf(status),
            null,
            after,
            detail.length() > 500 ? detail.substring(0, 500) : detail,
            servlet.getRemoteAddr()));
  }

  private static String grantsOf(AdminPrincipal who) {
    return dev.tether.core.json.JsonCodec.writeString(
        Map.of("roles", who.grants().stream().map(g -> g.encode()).toList()));
  }

  private static String safe(String value) {
    String v = value.replaceAll("[^A-Za-z0-9_.-]", "?");
    return v.length() > 60 ? v.substring(0, 60) : v;
  }
}
