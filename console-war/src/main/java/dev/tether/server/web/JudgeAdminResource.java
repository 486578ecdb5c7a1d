package dev.tether.server.web;

import dev.tether.server.policy.identity.Role;
import dev.tether.server.policy.judge.CloudJudgeConfigService;
import dev.tether.server.policy.judge.CloudJudgeSettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Admin API: a tenant's cloud-judge settings (on/off, escalation threshold, time budget). */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants/{tenant}/judge")
@Produces(MediaType.APPLICATION_JSON)
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

  /** 200 the settings (defaults until changed); 404 unknown tenant. */
  @GET
  @Requires(Role.AUDITOR)
  public SettingsBody get(@PathParam("tenant") String tenant) {
    return SettingsBody.of(config.settings(tenant));
  }

  /** 200 the stored settings; 400 a missing or out-of-range field; 404 unknown tenant. */
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.TENANT_ADMIN)
  public SettingsBody put(@PathParam("tenant") String tenant, SettingsBody body) {
    if (body == null) {
      throw new IllegalArgumentException("body: judge settings required");
    }
    CloudJudgeSettings wanted = body.settings();
    SettingsBody before = SettingsBody.of(config.settings(tenant));
    SettingsBody after = SettingsBody.of(config.update(tenant, wanted));
    changes.record(before, after);
    return after;
  }
}
