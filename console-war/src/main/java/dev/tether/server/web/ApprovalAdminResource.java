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
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;

/** Admin API: Request-mode approvals of a tenant (list, approve with validity, deny). */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants/{tenant}/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalAdminResource {
  @Inject ApprovalService approvals;
  @Inject AdminChanges changes;

  /** {@code {"reason":"...","validFor":"PT8H"}}; {@code validFor} only for approve, optional. */
  public record DecisionBody(String reason, String validFor) {}

  /** 200 array newest first; 400 bad state or limit; 404 unknown tenant. */
  @GET
  @Requires(Role.AUDITOR)
  public List<ApprovalView> list(
      @PathParam("tenant") String tenant,
      @QueryParam("state") String state,
      @QueryParam("limit") String limit) {
    int max;
    try {
      max = limit == null ? 100 : Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit: expected an integer, got \"" + limit + "\"");
    }
    return approvals.list(tenant, state, max);
  }

  /** 200 the approved request; 400 missing reason or bad validFor; 404; 409 not pending. */
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
