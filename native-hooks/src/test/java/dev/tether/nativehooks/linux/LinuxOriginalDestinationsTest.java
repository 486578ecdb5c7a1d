package dev.tether.nativehooks.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.nativehooks.RedirectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinuxOriginalDestinationsTest {
  @Test
  void decode_sockaddrIn() throws Exception {
    byte[] raw = new byte[28];
    raw[0] = 2; // AF_INET, host order (little-endian)
    raw[2] = 0x01;
    raw[3] = (byte) 0xbb; // 443
    raw[4] = (byte) 192;
    raw[5] = 0;
    raw[6] = 2;
    raw[7] = 10;
    assertEquals(
        new InetSocketAddress("192.0.2.10", 443), LinuxOriginalDestinations.decode(raw, 16));
  }

  @Test
  void decode_sockaddrIn6() throws Exception {
    byte[] raw = new byte[28];
    raw[0] = 10;
    raw[2] = 0x20;
    raw[3] = (byte) 0xfb; // 8443
    byte[] addr = InetAddress.getByName("2001:db8::10").getAddress();
    System.arraycopy(addr, 0, raw, 8, 16);
    assertEquals(
        new InetSocketAddress("2001:db8::10", 8443), LinuxOriginalDestinations.decode(raw, 28));
  }

  @Test
  void decode_unknownFamily_throws() {
    byte[] raw = new byte[28];
    raw[0] = 1;
    assertThrows(RedirectException.class, () -> LinuxOriginalDestinations.decode(raw, 16));
  }

  @ParameterizedTest(name = "{0} -> listener {1}: {2}")
  @CsvSource({
    "127.0.0.1, 127.0.0.1, refused (direct to listener)",
    "::1, ::1, refused (direct over IPv6)",
    "0.0.0.0, 127.0.0.1, refused (wildcard)",
    "::ffff:127.0.0.1, 127.0.0.1, refused (v4-mapped)"
  })
  void loopGuard_originalIsListener_refused(String original, String listener, String note) {
    RedirectException e =
        assertThrows(
            RedirectException.class,
            () ->
                LinuxOriginalDestinations.requireNotListener(
                    new InetSocketAddress(original, 3129), new InetSocketAddress(listener, 3129)),
            note);
    assertThat(e.getMessage()).contains("loop guard");
  }

  @Test
  void loopGuard_remoteHostSamePort_allowed() throws Exception {
    LinuxOriginalDestinations.requireNotListener(
        new InetSocketAddress("192.0.2.10", 3129), new InetSocketAddress("127.0.0.1", 3129));
    LinuxOriginalDestinations.requireNotListener(
        new InetSocketAddress("127.0.0.1", 443), new InetSocketAddress("127.0.0.1", 3129));
  }

  @Test
  void isV4_mappedAddress() throws Exception {
    assertThat(LinuxOriginalDestinations.isV4(InetAddress.getByName("192.0.2.1"))).isTrue();
    assertThat(LinuxOriginalDestinations.isV4(InetAddress.getByName("2001:db8::1"))).isFalse();
  }
}
