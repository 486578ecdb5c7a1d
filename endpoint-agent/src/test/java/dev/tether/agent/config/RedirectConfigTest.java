package dev.tether.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedirectConfigTest {
  private final StateDir dir = new StateDir(Path.of("/tmp/x"));

  @Test
  void defaults_443_3130_mark7e7e_quicBlocked() {
    RedirectConfig config = RedirectConfig.parse(dir, null, List.of(), null, null);
    assertThat(config.spec().ports()).containsExactly(443);
    assertThat(config.spec().listenPort()).isEqualTo(3130);
    assertThat(config.spec().agentSocketMark()).isEqualTo(0x7e7e);
    assertThat(config.spec().blockQuic()).isTrue();
  }

  @Test
  void extraPorts_443AlwaysKept_hexMark_quicAllowed() {
    RedirectConfig config =
        RedirectConfig.parse(dir, "4000", List.of("8443", "443", "80"), "0x10", "allow");
    assertThat(config.ports()).containsExactly(443, 8443, 80);
    assertThat(config.mark()).isEqualTo(16);
    assertThat(config.blockQuic()).isFalse();
  }

  @ParameterizedTest(name = "{3}")
  @CsvSource({
    "3129, 3129, block, redirect.ports: must not contain the listen port 3129 (loop), loop",
    "x, 443, block, 'listen-port: expected a number, got \"x\"', not a number",
    "3129, 443, maybe, 'quic: expected block or allow, got \"maybe\"', bad quic",
    "3129, 70000, block, 'redirect.ports: expected 1-65535, got 70000', port range"
  })
  void nonsense_rejectedNamingKey(
      String listen, String port, String quic, String message, String note) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RedirectConfig.parse(dir, listen, List.of(port), null, quic));
    assertThat(e.getMessage()).isEqualTo(message);
  }

  @Test
  void zeroMark_rejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RedirectConfig.parse(dir, null, List.of(), "0", null));
  }
}
