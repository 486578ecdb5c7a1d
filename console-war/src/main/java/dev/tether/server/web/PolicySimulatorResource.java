package dev.tether.server.web;

import dev.tether.server.policy.identity.Role;
import dev.tether.server.policy.simulate.PolicySimulator;
import dev.tether.server.policy.simulate.Simulation;
import dev.tether.server.policy.simulate.SimulationRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin API: the policy simulator ({@code POST
 * /api/v1/admin/tenants/{t}/groups/{g}/policy/simulate}). Body {@link SimulationRequest}; answers
 * 200 {@link Simulation}; 400 naming the invalid field (or policy key); 404 unknown group; 409 when
 * no policy is sent and the group has neither draft nor published policy; 413 for a body over
 * {@link TetherJsonProvider#MAX_SIMULATION_BYTES} (refused before parsing) or a payload over {@link
 * SimulationRequest#MAX_PAYLOAD_CHARS} characters. Policy authors may simulate. Read-only: nothing
 * is stored, audited as content or logged.
 */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants/{tenant}/groups/{group}/policy/simulate")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "policy")
public class PolicySimulatorResource {
  @Inject PolicySimulator simulator;

  @POST
  @Requires(Role.POLICY_AUTHOR)
  @Operation(
      summary = "Simulate a request against a policy before publishing it",
      description =
          "Runs a payload, destination and app through the agent's decision code (rules, judge,"
              + " per-destination/app/finding/label overrides) and returns what fired, the"
              + " resulting mode and the response the developer would see. Finding values are"
              + " never returned, only placeholders. Stores nothing.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SimulationRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "the simulation",
      content = @Content(schema = @Schema(implementation = Simulation.class)))
  @APIResponse(responseCode = "400", description = "a field or policy key invalid")
  @APIResponse(responseCode = "404", description = "unknown tenant or group")
  @APIResponse(
      responseCode = "409",
      description = "no policy sent and the group has neither a draft nor a published policy")
  @APIResponse(responseCode = "413", description = "body or payload over its limit")
  public Simulation simulate(
      @PathParam("tenant") String tenant,
      @PathParam("group") String group,
      SimulationRequest request) {
    if (request == null) {
      throw new IllegalArgumentException("body: SimulationRequest required");
    }
    if (request.payloadTooLarge()) {
      throw new WebApplicationException(
          "simulate.payload: at most "
              + SimulationRequest.MAX_PAYLOAD_CHARS
              + " characters, got "
              + request.payload().length(),
          413);
    }
    return simulator.simulate(tenant, group, request);
  }
}
