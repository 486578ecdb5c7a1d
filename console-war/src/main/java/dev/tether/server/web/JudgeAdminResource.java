package dev.tether.server.web;

import dev.tether.server.policy.identity.Role;
import dev.tether.server.policy.judge.CloudJudgeConfigService;
import dev.tether.server.policy.judge.CloudJudgeSettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: a tenant's cloud-judge settings (on/off, escalation threshold, time budget). */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants/{tenant}/judge")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "judge", description = "Per-tenant cloud-judge settings")
public class JudgeAdminResource {
  @Inject CloudJudgeConfigService config;
  @Inject AdminChanges changes;

  /** {@code {"enabled":true,"threshold":0.8,"timeout":"PT1.5S"}}; every field required on PUT. */
  public record SettingsBody(Boolean enabled, Double threshold, String timeout) {
    static SettingsBody of(CloudJudgeSettings s) {
      return new SettingsBody(s.enabled(), s.threshold(), s.timeout().toString());
    }

    CloudJudgeSettings settings() {
      if (enabled == null || threshold == null || timeout == null) {
        throw new IllegalArgumentException("judge: enabled, threshold and timeout are required");
      }
      Duration t;
      try {
        t = Duration.parse(timeout.trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "judge.timeout: expected ISO-8601 duration, got \"" + timeout + "\"");
      }
      return new CloudJudgeSettings(enabled, threshold, t);
    }
  }

  /** 200 the settings (defaults until changed) with their {@code ETag}; 404 unknown tenant. */
  @GET
  @Requires(Role.AUDITOR)
  @Operation(summary = "Get the tenant's cloud-judge settings (ETag for a conditional PUT)")
  @APIResponse(
      responseCode = "200",
      description = "the settings; header ETag",
      content = @Content(schema = @Schema(implementation = SettingsBody.class)))
  @APIResponse(responseCode = "404", description = "unknown tenant")
  public Response get(@PathParam("tenant") String tenant) {
    CloudJudgeSettings settings = config.settings(tenant);
    return Response.ok(SettingsBody.of(settings))
        .header(HttpHeaders.ETAG, CloudJudgeConfigService.etag(settings))
        .build();
  }

  /**
   * 200 the stored settings and their new {@code ETag}; 400 a missing or out-of-range field; 404
   * unknown tenant; 412 stale {@code If-Match}; 428 without {@code If-Match}.
   */
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.TENANT_ADMIN)
  @Operation(
      summary = "Replace the tenant's cloud-judge settings",
      description = "Requires If-Match with the ETag of the last GET (or * to overwrite).")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SettingsBody.class)))
  @APIResponse(
      responseCode = "200",
      description = "the stored settings; header ETag",
      content = @Content(schema = @Schema(implementation = SettingsBody.class)))
  @APIResponse(responseCode = "400", description = "a field missing or out of range")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  @APIResponse(responseCode = "412", description = "the settings changed since If-Match's ETag")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Response put(
      @PathParam("tenant") String tenant,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      SettingsBody body) {
    if (body == null) {
      throw new IllegalArgumentException("body: judge settings required");
    }
    CloudJudgeSettings wanted = body.settings();
    SettingsBody before = SettingsBody.of(config.settings(tenant));
    CloudJudgeSettings stored = config.update(tenant, wanted, ifMatch);
    changes.record(before, SettingsBody.of(stored));
    return Response.ok(SettingsBody.of(stored))
        .header(HttpHeaders.ETAG, CloudJudgeConfigService.etag(stored))
        .build();
  }
}
