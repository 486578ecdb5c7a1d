package dev.tether.server.web;

import dev.tether.core.api.JudgeRequest;
import dev.tether.core.api.JudgeResponse;
import dev.tether.server.policy.DeviceIdentity;
import dev.tether.server.policy.DeviceService;
import dev.tether.server.policy.judge.CloudJudgeService;
import dev.tether.server.policy.judge.CloudJudgeUnavailable;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The cloud judge for agents ({@code POST /api/v1/agent/judge}, {@code AgentApi.JUDGE}): the device
 * authenticates with its bearer credential like every agent call; tenant comes from the device
 * record, never from the request.
 *
 * <p>Answers: 200 {@link JudgeResponse}; 400 malformed; 401 unknown device; 403 cloud judge off for
 * the tenant; 409 on-device confidence not below the tenant's threshold; 413 body over {@link
 * TetherJsonProvider#MAX_JUDGE_REQUEST_BYTES} (refused before parsing); 503 with {@code
 * Retry-After} when it cannot answer in time (the agent applies its fail-safe). The body is never
 * logged: it is read by {@link TetherJsonProvider}, and errors name fields, not values.
 */
@RequestScoped
@Path("v1/agent/judge")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agent")
@SecurityRequirement(name = OpenApiDefinitions.DEVICE)
public class JudgeResource {
  @Inject DeviceService devices;
  @Inject CloudJudgeService judge;

  @Operation(operationId = "agentJudge", summary = "Escalate a redacted request to the cloud judge")
  @APIResponse(responseCode = "200", description = "label, confidence and scores")
  @APIResponse(responseCode = "400", description = "malformed request")
  @APIResponse(responseCode = "401", description = "unknown device credential")
  @APIResponse(responseCode = "403", description = "cloud judge off for the tenant")
  @APIResponse(
      responseCode = "409",
      description = "on-device confidence not below the tenant threshold")
  @APIResponse(responseCode = "413", description = "body too large")
  @APIResponse(
      responseCode = "503",
      description = "loading, at capacity or over the time budget; Retry-After")
  @POST
  public Response judge(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JudgeRequest request) {
    DeviceIdentity device = devices.authenticate(Bearer.secret(authorization).orElse(null));
    if (request == null) {
      throw new IllegalArgumentException("body: JudgeRequest required");
    }
    try {
      return Response.ok(judge.judge(device, request)).build();
    } catch (CloudJudgeUnavailable e) {
      return Response.fromResponse(Problem.response(503, e.getMessage()))
          .header(HttpHeaders.RETRY_AFTER, "1")
          .build();
    }
  }
}
