package dev.tether.nativehooks.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SockDiagTest {
  @Test
  void request_layout_matchesInetDiagReqV2() {
    byte[] req =
        SockDiag.request(
            true,
            new InetSocketAddress("192.0.2.1", 40000),
            new InetSocketAddress("192.0.2.10", 443));
    ByteBuffer b = ByteBuffer.wrap(req).order(ByteOrder.nativeOrder());
    assertEquals(72, req.length);
    assertEquals(72, b.getInt(0));
    assertEquals(20, b.getShort(4)); // SOCK_DIAG_BY_FAMILY
    assertEquals(2, req[16]); // AF_INET
    assertEquals(6, req[17]); // TCP
    assertEquals(40000, ByteBuffer.wrap(req, 24, 2).getShort() & 0xffff); // network order
    assertEquals(443, ByteBuffer.wrap(req, 26, 2).getShort() & 0xffff);
    assertEquals((byte) 192, req[28]);
    assertEquals(10, req[47]);
    assertEquals(-1, b.getInt(64)); // INET_DIAG_NOCOOKIE
    assertEquals(-1, b.getInt(68));
  }

  @Test
  void request_v4OverDualStack_usesMappedAddress() {
    byte[] req =
        SockDiag.request(
            false, new InetSocketAddress("192.0.2.1", 1), new InetSocketAddress("192.0.2.10", 2));
    assertEquals(10, req[16]); // AF_INET6
    assertEquals((byte) 0xff, req[28 + 10]);
    assertEquals((byte) 192, req[28 + 12]);
  }

  @Test
  void parse_reply_readsUidAndInode() {
    ByteBuffer b = ByteBuffer.allocate(16 + 72).order(ByteOrder.nativeOrder());
    b.putInt(0, 88).putShort(4, (short) 20);
    b.putInt(16 + 64, 1000).putInt(16 + 68, 123456);
    assertThat(SockDiag.parse(b.array(), 88)).contains(new SockDiag.Entry(1000, 123456));
  }

  @Test
  void parse_errorOrShort_empty() {
    ByteBuffer b = ByteBuffer.allocate(88).order(ByteOrder.nativeOrder());
    b.putShort(4, (short) 2); // NLMSG_ERROR
    assertThat(SockDiag.parse(b.array(), 88)).isEmpty();
    assertThat(SockDiag.parse(new byte[20], 20)).isEmpty();
  }
}
