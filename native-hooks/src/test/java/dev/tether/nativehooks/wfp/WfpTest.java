package dev.tether.nativehooks.wfp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.nativehooks.RedirectException;
import dev.tether.nativehooks.RedirectSpec;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class WfpTest {
  @Test
  void ioctls_matchSdkMacros() {
    assertEquals(0x980000DCL, WfpIoctls.SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS);
    assertEquals(0x980000DDL, WfpIoctls.SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT);
    assertEquals(0x980000DEL, WfpIoctls.SIO_SET_WFP_CONNECTION_REDIRECT_RECORDS);
  }

  @Test
  void context_sizeIsSockaddrStoragePlusUint64() {
    assertEquals(136, WfpRedirectContext.SIZE);
  }

  @Test
  void context_ipv4_roundTripAndLayout() throws Exception {
    WfpRedirectContext ctx = new WfpRedirectContext(new InetSocketAddress("192.0.2.10", 443), 4242);
    byte[] raw = ctx.encode();
    assertEquals(2, raw[0]);
    assertEquals(0, raw[1]);
    assertEquals(0x01, raw[2]);
    assertEquals((byte) 0xbb, raw[3]);
    assertEquals((byte) 192, raw[4]);
    assertEquals((byte) 0x92, raw[128]); // 4242 = 0x1092, little-endian
    assertEquals(ctx, WfpRedirectContext.decode(raw));
  }

  @Test
  void context_ipv6_addressAfterFlowInfo() throws Exception {
    WfpRedirectContext ctx = new WfpRedirectContext(new InetSocketAddress("2001:db8::10", 8443), 7);
    byte[] raw = ctx.encode();
    assertEquals(23, raw[0]);
    assertEquals(0x20, raw[8]);
    assertEquals(0x10, raw[23]);
    assertEquals(ctx, WfpRedirectContext.decode(raw));
  }

  @Test
  void context_wrongSizeOrFamily_throws() {
    assertThrows(IllegalArgumentException.class, () -> WfpRedirectContext.decode(new byte[135]));
    byte[] raw = new byte[136];
    raw[0] = 99;
    assertThrows(IllegalArgumentException.class, () -> WfpRedirectContext.decode(raw));
  }

  @Test
  void redirect_refusesHonestly() {
    RedirectException e =
        assertThrows(
            RedirectException.class,
            () -> new WfpRedirect().install(new RedirectSpec(3129, List.of(443), 1, true)));
    assertThat(e.getMessage()).contains("callout driver");
  }
}
