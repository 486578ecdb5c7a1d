package dev.tether.nativehooks.linux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CapabilitiesTest {
  @Test
  void parse_rootHasNetAdmin_userDoesNot() {
    assertThat(
            Capabilities.parse("Name:\tx\nCapEff:\t000001ffffffffff\n")
                .has(Capabilities.CAP_NET_ADMIN))
        .isTrue();
    assertThat(Capabilities.parse("CapEff:\t0000000000000000\n").has(Capabilities.CAP_NET_ADMIN))
        .isFalse();
    assertThat(Capabilities.parse("CapEff:\t0000000000001000\n").has(Capabilities.CAP_NET_ADMIN))
        .isTrue();
  }
}
