package dev.tether.server.web;

import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.server.policy.DraftView;
import dev.tether.server.policy.PolicyDiff;
import dev.tether.server.policy.PolicyService;
import dev.tether.server.policy.PolicyValidation;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin API: a group's policy draft (export with its ETag, conditional replace, validation that
 * reports every error), publishing, version history (who, when, why), a version's content, diffs
 * between versions, and rollback.
 */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "policy", description = "Policy as code: draft, validate, publish, history, rollback")
public class PolicyAdminResource {
  private static final String GROUP_POLICY = "{tenant}/groups/{group}/policy";

  @Inject PolicyService policies;
  @Inject TenantService tenants;
  @Inject AdminChanges changes;
  @Context SecurityContext security;
  @Context UriInfo uri;

  /** 200 the draft with its {@code ETag}; 404 unknown group or no draft yet. */
  @GET
  @Path(GROUP_POLICY + "/draft")
  @Operation(summary = "Export the group's policy draft (ETag for a later conditional PUT)")
  @APIResponse(
      responseCode = "200",
      description = "the draft; header ETag",
      content = @Content(schema = @Schema(implementation = PolicyDocument.class)))
  @APIResponse(responseCode = "404", description = "unknown tenant or group, or no draft saved")
  @Requires(Role.AUDITOR)
  public Response draft(@PathParam("tenant") String tenant, @PathParam("group") String group) {
    DraftView draft = policies.draft(tenant, group);
    return Response.ok(draft.document()).header(HttpHeaders.ETAG, draft.etag()).build();
  }

  /**
   * 200 with the validated document and its new {@code ETag}; 400 listing every error; 404 unknown
   * group; 412 stale {@code If-Match}; 428 replacing a draft without {@code If-Match}.
   */
  @PUT
  @Path(GROUP_POLICY + "/draft")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Save the group's policy draft",
      description =
          "Replacing an existing draft requires If-Match with the ETag of the last GET (or *);"
              + " the first draft needs none. The body is validated; a 400 lists every error.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PolicyDocument.class)))
  @APIResponse(
      responseCode = "200",
      description = "the validated document as stored; header ETag",
      content = @Content(schema = @Schema(implementation = PolicyDocument.class)))
  @APIResponse(responseCode = "400", description = "invalid document; errors lists all of them")
  @APIResponse(responseCode = "404", description = "unknown tenant or group")
  @APIResponse(responseCode = "412", description = "If-Match no longer names the draft")
  @APIResponse(responseCode = "428", description = "a draft exists and If-Match is missing")
  @Requires(Role.POLICY_AUTHOR)
  public Response saveDraft(
      @PathParam("tenant") String tenant,
      @PathParam("group") String group,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      InputStream body)
      throws IOException {
    PolicyDocument document = readValid(bounded(body), 400);
    PolicyDocument before;
    try {
      before = policies.draft(tenant, group).document();
    } catch (TetherException e) {
      before = null; // no draft yet (an unknown group fails again in saveDraft)
    }
    DraftView saved = policies.saveDraft(tenant, group, document, ifMatch);
    changes.record(before, saved.document());
    return Response.ok(saved.document()).header(HttpHeaders.ETAG, saved.etag()).build();
  }

  /**
   * 200 valid with warnings; 422 listing every error with its JSON Pointer; 404. Stores nothing.
   */
  @POST
  @Path(GROUP_POLICY + "/validate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Validate a policy document without storing it",
      description = "Reports every error found, each with a JSON Pointer into the submitted body.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PolicyDocument.class)))
  @APIResponse(
      responseCode = "200",
      description = "valid; non-blocking warnings",
      content = @Content(schema = @Schema(implementation = PolicyValidation.Report.class)))
  @APIResponse(responseCode = "404", description = "unknown tenant or group")
  @APIResponse(responseCode = "422", description = "invalid; errors lists every error")
  @Requires(Role.POLICY_AUTHOR)
  public PolicyValidation.Report validate(
      @PathParam("tenant") String tenant, @PathParam("group") String group, InputStream body)
      throws IOException {
    tenants.requireGroup(tenant, group);
    byte[] bytes = bounded(body);
    readValid(bytes, 422);
    return PolicyValidation.validate(bytes);
  }

  /** 201 history entry; body {@code {"note"}} optional; 409 no draft; 412 draft changed. */
  @POST
  @Path(GROUP_POLICY + "/publish")
  @Operation(
      summary = "Sign and publish the draft as the next version",
      description =
          "Optional If-Match: publish only if the draft is still the one with that ETag"
              + " (what CI validated).")
  @RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ChangeNote.class)))
  @APIResponse(
      responseCode = "201",
      description = "the new version's history entry",
      content = @Content(schema = @Schema(implementation = PublishedVersion.class)))
  @APIResponse(responseCode = "404", description = "unknown tenant or group")
  @APIResponse(responseCode = "409", description = "no draft, or no valid signing key")
  @APIResponse(responseCode = "412", description = "the draft changed since If-Match's ETag")
  @Requires(Role.POLICY_AUTHOR)
  public Response publish(
      @PathParam("tenant") String tenant,
      @PathParam("group") String group,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      byte[] body) {
    ChangeNote note = AdminRequests.optionalBody(body, ChangeNote.class, new ChangeNote(null));
    PublishedVersion published =
        policies.publish(tenant, group, AdminRequests.actor(security), note.note(), ifMatch);
    recordVersion(tenant, group, published);
    return Response.status(Response.Status.CREATED).entity(published).build();
  }

  /** 200, newest first, paged ({@code limit}, {@code offset}, {@code X-Total-Count}, Link). */
  @GET
  @Path(GROUP_POLICY + "/versions")
  @Operation(summary = "List published versions, newest first (paged)")
  @APIResponse(
      responseCode = "200",
      description = "history entries; headers X-Total-Count and Link",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = PublishedVersion.class)))
  @APIResponse(responseCode = "400", description = "limit or offset out of range")
  @APIResponse(responseCode = "404", description = "unknown tenant or group")
  @Requires(Role.AUDITOR)
  public Response versions(
      @PathParam("tenant") String tenant,
      @PathParam("group") String group,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Paging.Request page = Paging.parse(offset, limit);
    return Paging.ok(policies.versions(tenant, group, page.offset(), page.limit()), uri);
  }

  /** 200 {@code {"version": history entry, "policy": document}}; 404 unknown version. */
  @GET
  @Path(GROUP_POLICY + "/versions/{version}")
  @Operation(summary = "Get one published version's history entry and content")
  @APIResponse(responseCode = "200", description = "the version and its policy document")
  @APIResponse(responseCode = "404", description = "unknown tenant, group or version")
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
  @Operation(summary = "Diff two published versions (JSON Pointer paths)")
  @APIResponse(responseCode = "200", description = "the changes from one version to the other")
  @APIResponse(responseCode = "400", description = "from or to missing")
  @APIResponse(responseCode = "404", description = "unknown tenant, group or version")
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
  @Operation(summary = "Republish an older version's content under a new, higher version")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RollbackRequest.class)))
  @APIResponse(
      responseCode = "201",
      description = "the new version's history entry (kind ROLLBACK)",
      content = @Content(schema = @Schema(implementation = PublishedVersion.class)))
  @APIResponse(responseCode = "400", description = "toVersion missing or below 1")
  @APIResponse(responseCode = "404", description = "unknown tenant, group or version")
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

  /** At most {@link TetherJsonProvider#MAX_POLICY_BYTES} of the body; more is refused with 413. */
  private static byte[] bounded(InputStream body) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    byte[] bytes = body.readNBytes(TetherJsonProvider.MAX_POLICY_BYTES + 1);
    if (bytes.length > TetherJsonProvider.MAX_POLICY_BYTES) {
      throw new jakarta.ws.rs.WebApplicationException(
          "body: PolicyDocument larger than the limit of "
              + TetherJsonProvider.MAX_POLICY_BYTES
              + " bytes",
          413);
    }
    return bytes;
  }

  /**
   * The body as a valid document, or a validation problem with {@code status} listing every error.
   */
  private static PolicyDocument readValid(byte[] body, int status) {
    if (body.length == 0) {
      throw new IllegalArgumentException("body: PolicyDocument required, got an empty body");
    }
    PolicyValidation.Report report = PolicyValidation.validate(body);
    if (!report.valid()) {
      throw new jakarta.ws.rs.WebApplicationException(Problem.invalid(status, report.errors()));
    }
    return JsonCodec.read(body, PolicyDocument.class).validated();
  }
}
