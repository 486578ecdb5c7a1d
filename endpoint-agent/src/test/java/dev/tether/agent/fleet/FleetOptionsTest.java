package dev.tether.agent.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The simulator's bounds: loopback only, bounded agents and time, strict option parsing. */
class FleetOptionsTest {
  @Test
  void nonLoopbackServer_isRefused() {
    for (String host : new String[] {"10.0.0.5", "192.168.1.10", "8.8.8.8", "[2001:db8::1]"}) {
      assertThatThrownBy(() -> FleetOptions.parse("--server", "http://" + host + ":8080/tether"))
          .as(host)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not loopback");
    }
  }

  @Test
  void loopbackServers_andDefaults_areAccepted() {
    FleetOptions options = FleetOptions.parse("--server", "http://127.0.0.2:9/tether");
    assertThat(options.heartbeat()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.poll()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.upload()).isEqualTo(Duration.ofSeconds(5));
    assertThat(FleetOptions.parse("--server", "http://[::1]:9/tether", "--agents", "5,10").steps())
        .containsExactly(5, 10);
  }

  @Test
  void unboundedOrMalformedRuns_areRefused() {
    assertThatThrownBy(() -> FleetOptions.parse("--agents", "100001"))
        .hasMessageContaining("agents");
    assertThatThrownBy(() -> FleetOptions.parse("--agents", "10,5"))
        .hasMessageContaining("increase");
    assertThatThrownBy(() -> FleetOptions.parse("--measure", "3h")).hasMessageContaining("PT2H");
    assertThatThrownBy(() -> FleetOptions.parse("--heartbeat", "500ms"))
        .hasMessageContaining("heartbeat");
    assertThatThrownBy(() -> FleetOptions.parse("--hartbeat", "60s"))
        .hasMessageContaining("unknown option");
    assertThatThrownBy(() -> FleetOptions.parse("--tenant", "Bad_Tenant"))
        .hasMessageContaining("tenant");
  }
}
