package dev.tether.server.web;

import dev.tether.server.policy.identity.AdminAccess;
import dev.tether.server.policy.identity.AdminActionLog;
import dev.tether.server.policy.identity.AdminActionRecord;
import dev.tether.server.policy.identity.AdminPrincipal;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Set;

/**
 * Writes one admin action record for every state-changing admin request (anything but GET, HEAD,
 * OPTIONS) and for every refused one (401/403/423/429, reads included): who, method, path, tenant,
 * status, outcome, client address, and the before/after states the resource left in {@link
 * AdminChanges}. If the record cannot be written the response becomes a 500 (the change itself may
 * have committed; the failure is logged at ERROR so an operator can reconcile).
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminActionRecorder implements ContainerResponseFilter {
  private static final System.Logger LOG = System.getLogger(AdminActionRecorder.class.getName());
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  @Inject AdminActionLog log;
  @Inject AdminAccess access;
  @Inject AdminChanges changes;
  @Context HttpServletRequest servlet;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    int status = response.getStatus();
    AdminActionRecord.Outcome outcome = AdminActionRecord.outcomeOf(status);
    if (SAFE_METHODS.contains(request.getMethod()) && outcome != AdminActionRecord.Outcome.DENIED) {
      return;
    }
    AdminPrincipal who = access.principal().orElse(null);
    String tenant = request.getUriInfo().getPathParameters().getFirst("tenant");
    String path = "/" + request.getUriInfo().getPath();
    try {
      log.append(
          new AdminActionRecord(
              null,
              Instant.now(),
              who == null ? "anonymous" : who.name(),
              who == null ? "NONE" : who.kind().name(),
              request.getMethod(),
              path,
              tenant,
              status,
              outcome,
              changes.before(),
              changes.after(),
              outcome == AdminActionRecord.Outcome.SUCCESS ? null : problemDetail(response),
              servlet == null ? null : servlet.getRemoteAddr()));
    } catch (RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "admin action log: cannot record {0} {1} by {2} (status {3}): {4}",
          request.getMethod(),
          path,
          who == null ? "anonymous" : who.name(),
          status,
          e.getClass().getName());
      response.setStatus(500);
      response.setEntity(
          new Problem(
              "about:blank", "Internal Server Error", 500, "admin action log: not recorded"));
    }
  }

  private static String problemDetail(ContainerResponseContext response) {
    return response.getEntity() instanceof Problem p ? p.detail() : null;
  }
}
