package dev.tether.server.web;

import dev.tether.core.api.ApprovalFiling;
import dev.tether.core.api.ApprovalList;
import dev.tether.core.api.ApprovalStatus;
import dev.tether.core.api.AuditBatch;
import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.api.EnrollRequest;
import dev.tether.core.api.EnrollResponse;
import dev.tether.core.api.Heartbeat;
import dev.tether.core.api.HeartbeatResponse;
import dev.tether.core.api.RootsResponse;
import dev.tether.server.audit.AuditService;
import dev.tether.server.audit.AuditSource;
import dev.tether.server.policy.CurrentBundle;
import dev.tether.server.policy.DeviceIdentity;
import dev.tether.server.policy.DeviceService;
import dev.tether.server.policy.EnrollmentService;
import dev.tether.server.policy.PolicyService;
import dev.tether.server.policy.TrustService;
import dev.tether.server.policy.approval.ApprovalService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The agent API (paths in {@code dev.tether.core.api.AgentApi}). Every call but enroll
 * authenticates the device by its bearer credential; tenant and group come from the device record,
 * never from the request.
 *
 * <p>Application-scoped (stateless: everything comes in as parameters), so the injected EJB
 * references are resolved once instead of per request; that keeps the bundle poll's 304 path cheap.
 */
@ApplicationScoped
@Path("v1/agent")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agent", description = "Agent API (device credential)")
@SecurityRequirement(name = OpenApiDefinitions.DEVICE)
public class AgentResource {
  @Inject EnrollmentService enrollment;
  @Inject DeviceService devices;
  @Inject PolicyService policies;
  @Inject AuditService audit;
  @Inject TrustService trust;
  @Inject ApprovalService approvals;

  /** 200 {@link EnrollResponse}; 401 for an unknown, used or expired token; 400 malformed. */
  @Operation(summary = "Enroll a device with a one-time enrollment token (no credential yet)")
  @APIResponse(responseCode = "200", description = "device id, credential, root chain")
  @APIResponse(responseCode = "400", description = "malformed request")
  @APIResponse(responseCode = "401", description = "unknown, used or expired token")
  @APIResponse(responseCode = "413", description = "body too large")
  @POST
  @Path("enroll")
  public EnrollResponse enroll(EnrollRequest request) {
    return enrollment.enroll(request);
  }

  /** 200 envelope with a strong ETag; 304 when If-None-Match matches; 404 nothing published. */
  @Operation(summary = "Fetch the group's signed policy bundle (ETag, 304 on If-None-Match)")
  @APIResponse(responseCode = "200", description = "signed envelope; header ETag")
  @APIResponse(responseCode = "304", description = "unchanged since If-None-Match")
  @APIResponse(responseCode = "401", description = "unknown device credential")
  @APIResponse(responseCode = "404", description = "nothing published")
  @GET
  @Path("bundle")
  public Response bundle(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    DeviceIdentity device = authenticate(authorization);
    CurrentBundle bundle = policies.currentBundle(device.tenant(), device.group(), ifNoneMatch);
    if (bundle.envelope().isEmpty()) {
      return Response.notModified().header(HttpHeaders.ETAG, bundle.etag()).build();
    }
    return Response.ok(bundle.envelope().get(), MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.ETAG, bundle.etag())
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .build();
  }

  /**
   * 200 {@link AuditBatchResult}; 403 if an event names another device (nothing stored). A W3C
   * {@code traceparent} header (the agent's upload span) becomes the parent of the ingest span.
   */
  @Operation(
      operationId = "agentAuditEvents",
      summary = "Upload a batch of audit events (idempotent by event id; gzip accepted)")
  @APIResponse(responseCode = "200", description = "accepted and duplicate counts")
  @APIResponse(responseCode = "400", description = "malformed batch")
  @APIResponse(responseCode = "401", description = "unknown device credential")
  @APIResponse(responseCode = "403", description = "an event names another device; nothing stored")
  @APIResponse(responseCode = "413", description = "body too large")
  @POST
  @Path("audit-events")
  public AuditBatchResult auditEvents(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("traceparent") String traceparent,
      AuditBatch batch) {
    DeviceIdentity device = authenticate(authorization);
    return audit.ingest(
        new AuditSource(device.tenant(), device.group(), device.deviceId()), batch, traceparent);
  }

  /** 200 {@link RootsResponse}: the tenant's root versions after {@code after}, bounded. */
  @Operation(
      operationId = "agentRoots",
      summary = "Fetch the tenant's root versions after a version (cursor after)")
  @APIResponse(
      responseCode = "200",
      description = "root envelopes, oldest first, and the latest version")
  @APIResponse(responseCode = "401", description = "unknown device credential")
  @GET
  @Path("roots")
  public RootsResponse roots(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("after") Long after) {
    DeviceIdentity device = authenticate(authorization);
    return new RootsResponse(
        trust.chain(device.tenant(), after == null ? 0 : after),
        trust.currentVersion(device.tenant()));
  }

  /** 200 {@link HeartbeatResponse} (latest policy and root versions, signed server time). */
  @Operation(summary = "Report device state; learn the latest policy and root versions")
  @APIResponse(responseCode = "200", description = "latest versions and signed server time")
  @APIResponse(responseCode = "400", description = "malformed heartbeat")
  @APIResponse(responseCode = "401", description = "unknown device credential")
  @POST
  @Path("heartbeat")
  public HeartbeatResponse heartbeat(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Heartbeat heartbeat) {
    return devices.heartbeat(authenticate(authorization), heartbeat);
  }

  /** 200 {@link ApprovalStatus}; idempotent per request id; 409 too many pending. */
  @Operation(
      operationId = "agentFileApproval",
      summary = "File a Request-mode approval request (digest only, never the payload)")
  @APIResponse(responseCode = "200", description = "the request's status")
  @APIResponse(responseCode = "400", description = "malformed filing")
  @APIResponse(responseCode = "401", description = "unknown device credential")
  @APIResponse(responseCode = "409", description = "too many pending requests")
  @POST
  @Path("approvals")
  public ApprovalStatus fileApproval(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, ApprovalFiling filing) {
    DeviceIdentity device = authenticate(authorization);
    if (filing == null) {
      throw new IllegalArgumentException("body: ApprovalFiling required");
    }
    return approvals.file(device, filing);
  }

  /** 200 {@link ApprovalList}: this device's requests, newest first. */
  @Operation(
      operationId = "agentApprovals",
      summary = "List this device's approval requests, newest first (bounded)")
  @APIResponse(responseCode = "200", description = "the device's requests")
  @APIResponse(responseCode = "401", description = "unknown device credential")
  @GET
  @Path("approvals")
  public ApprovalList approvals(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return approvals.forDevice(authenticate(authorization));
  }

  private DeviceIdentity authenticate(String authorization) {
    return devices.authenticate(Bearer.secret(authorization).orElse(null));
  }
}
