package dev.tether.server.web;

import dev.tether.server.policy.ServerDataDir;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** MicroProfile Health: live while the application runs, ready once the data directory exists. */
@ApplicationScoped
public class HealthChecks {
  @Produces
  @Liveness
  HealthCheck live() {
    return () -> HealthCheckResponse.up("tether");
  }

  @Produces
  @Readiness
  HealthCheck ready() {
    return () -> {
      Path dir = ServerDataDir.resolve();
      return HealthCheckResponse.named("tether-data-dir")
          .status(Files.isDirectory(dir) && Files.isWritable(dir))
          .build();
    };
  }
}
