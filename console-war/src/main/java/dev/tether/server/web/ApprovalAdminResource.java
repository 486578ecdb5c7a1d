package dev.tether.server.web;

import dev.tether.server.policy.approval.ApprovalService;
import dev.tether.server.policy.approval.ApprovalView;
import dev.tether.server.policy.identity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: Request-mode approvals of a tenant (list, approve with validity, deny). */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants/{tenant}/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "approvals", description = "Request-mode approvals inbox")
public class ApprovalAdminResource {
  @Inject ApprovalService approvals;
  @Inject AdminChanges changes;
  @Context UriInfo uri;

  /** {@code {"reason":"...","validFor":"PT8H"}}; {@code validFor} only for approve, optional. */
  public record DecisionBody(String reason, String validFor) {}

  /** 200 array newest first, paged; 400 bad state, limit or offset; 404 unknown tenant. */
  @GET
  @Requires(Role.AUDITOR)
  @Operation(summary = "List the tenant's approval requests, newest first (paged, by state)")
  @APIResponse(
      responseCode = "200",
      description = "requests; headers X-Total-Count and Link",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApprovalView.class)))
  @APIResponse(responseCode = "400", description = "state, limit or offset invalid")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  public Response list(
      @PathParam("tenant") String tenant,
      @QueryParam("state") String state,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Paging.Request page = Paging.parse(offset, limit);
    return Paging.ok(approvals.list(tenant, state, page.offset(), page.limit()), uri);
  }

  /** 200 the approved request; 400 missing reason or bad validFor; 404; 409 not pending. */
  @Operation(summary = "Approve a pending request for a validity window (reason required)")
  @APIResponse(responseCode = "200", description = "the request, APPROVED with validUntil")
  @APIResponse(responseCode = "400", description = "reason missing or validFor out of range")
  @APIResponse(responseCode = "404", description = "unknown tenant or request")
  @APIResponse(responseCode = "409", description = "not pending")
  @POST
  @Path("{id}/approve")
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.APPROVER)
  public ApprovalView approve(
      @PathParam("tenant") String tenant, @PathParam("id") String id, DecisionBody body) {
    DecisionBody b = body == null ? new DecisionBody(null, null) : body;
    Duration validFor = null;
    if (b.validFor() != null) {
      try {
        validFor = Duration.parse(b.validFor().trim());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "validFor: expected ISO-8601 duration, got \"" + b.validFor() + "\"");
      }
    }
    ApprovalView decided = approvals.approve(tenant, id, b.reason(), validFor);
    changes.record(null, decided);
    return decided;
  }

  /** 200 the denied request; 400 missing reason; 404; 409 not pending. */
  @Operation(summary = "Deny a pending request (reason required)")
  @APIResponse(responseCode = "200", description = "the request, DENIED")
  @APIResponse(responseCode = "400", description = "reason missing")
  @APIResponse(responseCode = "404", description = "unknown tenant or request")
  @APIResponse(responseCode = "409", description = "not pending")
  @POST
  @Path("{id}/deny")
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.APPROVER)
  public ApprovalView deny(
      @PathParam("tenant") String tenant, @PathParam("id") String id, DecisionBody body) {
    ApprovalView decided = approvals.deny(tenant, id, body == null ? null : body.reason());
    changes.record(null, decided);
    return decided;
  }
}
