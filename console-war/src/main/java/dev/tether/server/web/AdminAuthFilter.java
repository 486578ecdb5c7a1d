package dev.tether.server.web;

import dev.tether.server.policy.AdminTokens;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Rejects admin requests without the admin bearer token (constant-time comparison) with 401. */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {
  @Inject AdminTokens adminTokens;

  @Override
  public void filter(ContainerRequestContext request) {
    boolean ok =
        Bearer.secret(request.getHeaderString(HttpHeaders.AUTHORIZATION))
            .map(adminTokens::matches)
            .orElse(false);
    if (!ok) {
      request.abortWith(
          jakarta.ws.rs.core.Response.fromResponse(
                  Problem.response(401, "authorization: admin bearer token required"))
              .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tether-admin\"")
              .build());
    }
  }
}
