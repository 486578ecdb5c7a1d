package dev.tether.nativehooks.pf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.nativehooks.RedirectSpec;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class PfTest {
  @Test
  void natlook_sizeAndIoctl_matchXnuHeader() {
    assertEquals(84, PfNatLook.SIZE); // 4 x pf_addr(16) + 4 x pf_state_xport(4) + 4 x u8
    assertEquals(0xC0544417L, PfNatLook.DIOCNATLOOK); // _IOWR('D', 23, 84)
  }

  @Test
  void natlook_request_thenFilledReply_givesOriginalDestination() throws Exception {
    byte[] req =
        PfNatLook.request(
            new InetSocketAddress("192.0.2.1", 50000), new InetSocketAddress("127.0.0.1", 3129));
    assertEquals(84, req.length);
    assertEquals((byte) 192, req[0]);
    assertEquals((byte) 0xc3, req[64]); // 50000 big-endian
    assertEquals(2, req[80]); // AF_INET
    assertEquals(6, req[81]); // TCP
    assertEquals(2, req[83]); // PF_OUT
    req[48] = (byte) 192;
    req[49] = 0;
    req[50] = 2;
    req[51] = 10;
    req[76] = 0x01;
    req[77] = (byte) 0xbb;
    assertEquals(new InetSocketAddress("192.0.2.10", 443), PfNatLook.originalDestination(req));
  }

  @Test
  void anchorRules_rdrOnLo0_routeToForOutbound_agentUserExempt_quicBlocked() {
    String rules = PfRuleset.anchorRules(new RedirectSpec(3129, List.of(8443, 443), 1, true));
    assertThat(rules)
        .contains(
            "rdr pass on lo0 inet proto tcp from any to any port { 443, 8443 } -> 127.0.0.1 port 3129")
        .contains("-> ::1 port 3129")
        .contains("pass out route-to (lo0 127.0.0.1) inet proto tcp")
        .contains("user != _tether")
        .contains("block return out proto udp from any to any port 443");
    assertThat(rules.indexOf("rdr")).isLessThan(rules.indexOf("pass out"));
  }
}
