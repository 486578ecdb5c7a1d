package dev.tether.server.web;

import dev.tether.core.policy.PolicyDocument;
import dev.tether.server.policy.PolicyDiff;
import dev.tether.server.policy.PolicyService;
import dev.tether.server.policy.PublishedVersion;
import dev.tether.server.policy.TenantService;
import dev.tether.server.policy.TetherException;
import dev.tether.server.policy.VersionDetail;
import dev.tether.server.policy.identity.Role;
import dev.tether.server.web.AdminRequests.ChangeNote;
import dev.tether.server.web.AdminRequests.RollbackRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * Admin API: a group's policy draft, publishing, version history (who, when, why), a version's
 * content, diffs between versions, and rollback.
 */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyAdminResource {
  private static final String GROUP_POLICY = "{tenant}/groups/{group}/policy";

  @Inject PolicyService policies;
  @Inject TenantService tenants;
  @Inject AdminChanges changes;
  @Context SecurityContext security;

  /** 200 the stored draft; 404 unknown group or no draft yet. */
  @GET
  @Path(GROUP_POLICY + "/draft")
  @Requires(Role.AUDITOR)
  public PolicyDocument draft(
      @PathParam("tenant") String tenant, @PathParam("group") String group) {
    return policies.draft(tenant, group);
  }

  /**
   * 200 {@code {"policy": validated document, "warnings": [...]}}; stores nothing. 400 naming the
   * invalid key; 404 unknown group.
   */
  @POST
  @Path(GROUP_POLICY + "/validate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.POLICY_AUTHOR)
  public AdminRequests.Validation validate(
      @PathParam("tenant") String tenant,
      @PathParam("group") String group,
      PolicyDocument document) {
    tenants.requireGroup(tenant, group);
    PolicyDocument validated = document.validated();
    return new AdminRequests.Validation(validated, validated.warnings());
  }

  /** 200 with the validated document; 400 naming the invalid key; 404 unknown group. */
  @PUT
  @Path(GROUP_POLICY + "/draft")
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.POLICY_AUTHOR)
  public PolicyDocument saveDraft(
      @PathParam("tenant") String tenant,
      @PathParam("group") String group,
      PolicyDocument document) {
    PolicyDocument validated = document.validated();
    PolicyDocument before;
    try {
      before = policies.draft(tenant, group);
    } catch (TetherException e) {
      before = null; // no draft yet (an unknown group fails again in saveDraft)
    }
    PolicyDocument saved = policies.saveDraft(tenant, group, validated);
    changes.record(before, saved);
    return saved;
  }

  /** 201 history entry; body {@code {"note"}} optional; 409 when there is no draft. */
  @POST
  @Path(GROUP_POLICY + "/publish")
  @Requires(Role.POLICY_AUTHOR)
  public Response publish(
      @PathParam("tenant") String tenant, @PathParam("group") String group, byte[] body) {
    ChangeNote note = AdminRequests.optionalBody(body, ChangeNote.class, new ChangeNote(null));
    PublishedVersion published =
        policies.publish(tenant, group, AdminRequests.actor(security), note.note());
    recordVersion(tenant, group, published);
    return Response.status(Response.Status.CREATED).entity(published).build();
  }

  /** 200, newest first: the full history. */
  @GET
  @Path(GROUP_POLICY + "/versions")
  @Requires(Role.AUDITOR)
  public List<PublishedVersion> versions(
      @PathParam("tenant") String tenant, @PathParam("group") String group) {
    return policies.versions(tenant, group);
  }

  /** 200 {@code {"version": history entry, "policy": document}}; 404 unknown version. */
  @GET
  @Path(GROUP_POLICY + "/versions/{version}")
  @Requires(Role.AUDITOR)
  public VersionDetail version(
      @PathParam("tenant") String tenant,
      @PathParam("group") String group,
      @PathParam("version") long version) {
    return policies.version(tenant, group, version);
  }

  /** 200 {@link PolicyDiff}; 400 without both versions; 404 unknown version. */
  @GET
  @Path(GROUP_POLICY + "/diff")
  @Requires(Role.AUDITOR)
  public PolicyDiff diff(
      @PathParam("tenant") String tenant,
      @PathParam("group") String group,
      @QueryParam("from") Long from,
      @QueryParam("to") Long to) {
    if (from == null || to == null) {
      throw new IllegalArgumentException("diff: query parameters from and to are required");
    }
    return policies.diff(tenant, group, from, to);
  }

  /**
   * 201 history entry of the new version carrying {@code toVersion}'s content; 400 without
   * toVersion; 404 unknown version.
   */
  @POST
  @Path(GROUP_POLICY + "/rollback")
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.POLICY_AUTHOR)
  public Response rollback(
      @PathParam("tenant") String tenant, @PathParam("group") String group, byte[] body) {
    RollbackRequest request =
        AdminRequests.optionalBody(body, RollbackRequest.class, new RollbackRequest(null, null));
    if (request.toVersion() == null || request.toVersion() < 1) {
      throw new IllegalArgumentException(
          "rollback.toVersion: expected a published version >= 1, got " + request.toVersion());
    }
    PublishedVersion published =
        policies.rollback(
            tenant, group, request.toVersion(), AdminRequests.actor(security), request.note());
    recordVersion(tenant, group, published);
    return Response.status(Response.Status.CREATED).entity(published).build();
  }

  /** Audit trail: the new version's entry and its diff against the version it replaced. */
  private void recordVersion(String tenant, String group, PublishedVersion published) {
    long v = published.version();
    changes.record(
        v > 1 ? java.util.Map.of("version", v - 1) : null,
        v > 1
            ? java.util.Map.of("version", published, "diff", policies.diff(tenant, group, v - 1, v))
            : java.util.Map.of("version", published));
  }
}
