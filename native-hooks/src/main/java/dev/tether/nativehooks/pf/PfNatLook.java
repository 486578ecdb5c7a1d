package dev.tether.nativehooks.pf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The byte layout of macOS's {@code struct pfioc_natlook} (XNU {@code net/pfvar.h}) for the {@code
 * DIOCNATLOOK} ioctl on {@code /dev/pf}: four 16-byte {@code pf_addr} (saddr, daddr, rsaddr,
 * rdaddr), four 4-byte {@code pf_state_xport} unions (port in network order in the first two
 * bytes), then af, proto, proto_variant, direction: 84 bytes. XNU's layout differs from the BSDs'
 * (the xport unions), so this is macOS only.
 *
 * <p>Verified here: layout, sizes and the ioctl number against the header's definitions. Not
 * verified here: the ioctl itself (needs macOS and root).
 */
public final class PfNatLook {
  /** {@code sizeof(struct pfioc_natlook)} on XNU. */
  public static final int SIZE = 84;

  /** {@code _IOWR('D', 23, struct pfioc_natlook)}. */
  public static final long DIOCNATLOOK = ioWr('D', 23, SIZE);

  static final int PF_OUT = 2;
  static final int AF_INET = 2;
  static final int AF_INET6 = 30; // macOS
  static final int IPPROTO_TCP = 6;

  private PfNatLook() {}

  /** BSD {@code _IOWR(group, num, size)}: in|out, 13-bit size, group, number. */
  static long ioWr(char group, int number, int size) {
    long inOut = 0x40000000L | 0x80000000L;
    return inOut | ((long) (size & 0x1fff) << 16) | ((long) group << 8) | number;
  }

  /**
   * The request for the accepted connection {@code client -> listener}: pf looks up the state whose
   * translated side matches and fills {@code rdaddr}/{@code rdxport} with the original destination.
   */
  public static byte[] request(InetSocketAddress client, InetSocketAddress listener) {
    boolean v4 = client.getAddress().getAddress().length == 4;
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.BIG_ENDIAN);
    b.put(pfAddr(client.getAddress()));
    b.put(pfAddr(listener.getAddress()));
    b.position(64);
    b.putShort((short) client.getPort()).putShort((short) 0);
    b.putShort((short) listener.getPort()).putShort((short) 0);
    b.position(80);
    b.put((byte) (v4 ? AF_INET : AF_INET6))
        .put((byte) IPPROTO_TCP)
        .put((byte) 0)
        .put((byte) PF_OUT);
    return b.array();
  }

  /** The original destination from a filled-in structure ({@code rdaddr}, {@code rdxport}). */
  public static InetSocketAddress originalDestination(byte[] filled) throws UnknownHostException {
    if (filled.length != SIZE) {
      throw new IllegalArgumentException(
          "pfioc_natlook: expected " + SIZE + " bytes, got " + filled.length);
    }
    int af = filled[80] & 0xff;
    byte[] addr = Arrays.copyOfRange(filled, 48, af == AF_INET ? 52 : 64);
    int port = (filled[76] & 0xff) << 8 | (filled[77] & 0xff);
    return new InetSocketAddress(InetAddress.getByAddress(addr), port);
  }

  private static byte[] pfAddr(InetAddress address) {
    byte[] out = new byte[16];
    byte[] raw = address.getAddress();
    System.arraycopy(raw, 0, out, 0, raw.length);
    return out;
  }
}
