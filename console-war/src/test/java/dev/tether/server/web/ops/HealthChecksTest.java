package dev.tether.server.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class HealthChecksTest {
  @Test
  void guarded_probeReturns_up() {
    HealthCheckResponse r = HealthChecks.guarded("x", () -> {});
    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(r.getName()).isEqualTo("x");
  }

  @Test
  void guarded_probeThrows_downWithBoundedReason() {
    String longReason = "r".repeat(500);
    HealthCheckResponse r =
        HealthChecks.guarded(
            "x",
            () -> {
              throw new IllegalStateException(longReason);
            });
    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(r.getData().orElseThrow().get("reason").toString()).hasSize(200);
  }

  @Test
  void guarded_linkageError_isDownNotThrown() {
    HealthCheckResponse r =
        HealthChecks.guarded(
            "kafka",
            () -> {
              throw new NoClassDefFoundError("org/apache/kafka/clients/admin/Admin");
            });
    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
  }
}
