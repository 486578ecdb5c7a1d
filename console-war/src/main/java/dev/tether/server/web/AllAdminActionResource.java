package dev.tether.server.web;

import dev.tether.server.policy.identity.AdminActionLog;
import dev.tether.server.policy.identity.AdminActionRecord;
import dev.tether.server.policy.identity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin API: the whole admin action log (every tenant, sign-ins, user and token management), for
 * all-tenant auditors and super-admins.
 */
@RequestScoped
@AdminOnly
@Path("v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "admin-actions",
    description = "Audit trail of admin actions (who, what, when, before/after)")
public class AllAdminActionResource {
  @Inject AdminActionLog log;

  /** 200 newest first; {@code before=<id>} pages. */
  @Operation(summary = "List all admin actions, newest first (cursor before=<id>)")
  @APIResponse(responseCode = "200", description = "records")
  @APIResponse(responseCode = "400", description = "bad limit or before")
  @APIResponse(responseCode = "401", description = "not signed in")
  @APIResponse(responseCode = "403", description = "not a super-admin auditor")
  @GET
  @Requires(Role.AUDITOR)
  @Path("admin-actions")
  public List<AdminActionRecord> listAllAdminActions(
      @QueryParam("limit") String limit, @QueryParam("before") String before) {
    return log.list(
        null, AdminActionResource.parseBefore(before), AdminActionResource.parseLimit(limit));
  }
}
