package dev.tether.nativehooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedirectSpecTest {
  @Test
  void create_redirectingToItself_throws() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RedirectSpec(443, List.of(443, 8443), 0x7e7e, true));
    assertThat(e.getMessage()).contains("loop");
  }

  @Test
  void create_badPort_namesKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new RedirectSpec(3129, List.of(70000), 1, true));
    assertThat(e.getMessage()).isEqualTo("redirect.ports: expected 1-65535, got 70000");
  }

  @Test
  void create_copiesPorts() {
    java.util.ArrayList<Integer> ports = new java.util.ArrayList<>(List.of(443));
    RedirectSpec spec = new RedirectSpec(3129, ports, 1, true);
    ports.add(80);

    assertThat(spec.ports()).containsExactly(443);
  }
}
