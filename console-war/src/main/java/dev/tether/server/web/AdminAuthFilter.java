package dev.tether.server.web;

import dev.tether.server.policy.AdminTokens;
import dev.tether.server.policy.TetherException;
import dev.tether.server.policy.identity.ActiveSession;
import dev.tether.server.policy.identity.AdminAccess;
import dev.tether.server.policy.identity.AdminPrincipal;
import dev.tether.server.policy.identity.AdminSessions;
import dev.tether.server.policy.identity.ApiTokenService;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates and authorises every {@link AdminOnly} request, in this order:
 *
 * <ol>
 *   <li>{@code Authorization: Bearer tth_...}: an API token (scoped, expiring, revocable);
 *   <li>{@code Authorization: Bearer <bootstrap token>}: the data directory's {@code admin-token},
 *       a super-admin (constant-time comparison);
 *   <li>no Authorization header: the {@code TETHER_SESSION} cookie's server-side session; a
 *       state-changing method (anything but GET, HEAD, OPTIONS) must carry {@code X-CSRF-Token}
 *       equal to the session's token (403 otherwise). Bearer requests need no CSRF token (a browser
 *       never adds the header by itself).
 * </ol>
 *
 * Then the endpoint's {@link Requires} role is checked in the path's {@code {tenant}} (or
 * server-wide); an endpoint without {@link Requires} or {@link SignedIn} is refused (fail closed).
 * A present but invalid credential is 401; a missing role is 403.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {
  /** Header carrying the session's CSRF token. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  @Inject AdminTokens adminTokens;
  @Inject ApiTokenService apiTokens;
  @Inject AdminSessions sessions;
  @Inject AdminAccess access;
  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    AdminPrincipal principal;
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      principal = Bearer.secret(authorization).flatMap(this::bearer).orElse(null);
    } else {
      Cookie cookie = request.getCookies().get(SessionCookies.NAME);
      Optional<ActiveSession> session =
          cookie == null ? Optional.empty() : sessions.resolve(cookie.getValue());
      if (session.isPresent() && !SAFE_METHODS.contains(request.getMethod())) {
        String presented = request.getHeaderString(CSRF_HEADER);
        if (presented == null
            || !MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8),
                session.get().csrfToken().getBytes(StandardCharsets.UTF_8))) {
          access.authenticate(session.get().principal());
          request.abortWith(
              Problem.response(403, CSRF_HEADER + ": missing or not this session's token"));
          return;
        }
      }
      principal = session.map(ActiveSession::principal).orElse(null);
    }
    if (principal == null) {
      request.abortWith(
          Response.fromResponse(
                  Problem.response(
                      401,
                      "authorization: admin bearer token, API token (tth_) or session required"))
              .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tether-admin\"")
              .build());
      return;
    }
    access.authenticate(principal);
    request.setSecurityContext(securityContext(principal, request.getSecurityContext()));
    try {
      authorize(principal, request);
    } catch (TetherException e) {
      request.abortWith(Problem.response(403, e.getMessage()));
    }
  }

  private Optional<AdminPrincipal> bearer(String secret) {
    if (secret.startsWith(ApiTokenService.PREFIX)) {
      return apiTokens.resolve(secret);
    }
    return adminTokens.matches(secret) ? Optional.of(AdminPrincipal.BOOTSTRAP) : Optional.empty();
  }

  private void authorize(AdminPrincipal principal, ContainerRequestContext request) {
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    Requires requires = method == null ? null : method.getAnnotation(Requires.class);
    if (requires == null && type != null) {
      requires = type.getAnnotation(Requires.class);
    }
    boolean signedIn =
        method != null
            && (method.isAnnotationPresent(SignedIn.class)
                || (type != null && type.isAnnotationPresent(SignedIn.class)));
    if (requires != null) {
      String tenant = request.getUriInfo().getPathParameters().getFirst("tenant");
      principal.require(requires.value(), tenant);
    } else if (!signedIn) {
      throw new TetherException(
          TetherException.Kind.FORBIDDEN, "forbidden: endpoint has no access rule");
    }
  }

  private static SecurityContext securityContext(AdminPrincipal who, SecurityContext original) {
    Principal principal = who::name;
    boolean secure = original != null && original.isSecure();
    return new SecurityContext() {
      @Override
      public Principal getUserPrincipal() {
        return principal;
      }

      @Override
      public boolean isUserInRole(String role) {
        return who.grants().stream().anyMatch(g -> g.role().name().equals(role));
      }

      @Override
      public boolean isSecure() {
        return secure;
      }

      @Override
      public String getAuthenticationScheme() {
        return who.kind().name();
      }
    };
  }
}
