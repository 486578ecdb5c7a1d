package dev.tether.nativehooks.linux;

import com.sun.jna.LastErrorException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * One exact-match {@code SOCK_DIAG_BY_FAMILY} query over {@code NETLINK_SOCK_DIAG}: the uid and
 * inode of the TCP socket {@code src -> dst} in the caller's network namespace. O(1) in the kernel
 * (a hash lookup), unlike parsing {@code /proc/net/tcp}.
 */
final class SockDiag {
  private static final int SOCK_DIAG_BY_FAMILY = 20;
  private static final int NLM_F_REQUEST = 1;
  private static final int NLMSG_ERROR = 2;
  private static final int IPPROTO_TCP = 6;
  private static final int NLMSGHDR = 16;
  private static final int REQUEST_SIZE = NLMSGHDR + 56;
  private static final int SO_RCVTIMEO = 20;

  /** The socket's owner and inode. */
  record Entry(long uid, long inode) {}

  private SockDiag() {}

  /** Looks up the TCP socket whose own address is {@code src} and peer is {@code dst}. */
  private static Optional<Entry> lookup(InetSocketAddress src, InetSocketAddress dst, boolean v4) {
    int fd;
    try {
      fd =
          LibC.INSTANCE.socket(
              LibC.AF_NETLINK, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, LibC.NETLINK_SOCK_DIAG);
    } catch (LastErrorException e) {
      return Optional.empty();
    }
    try {
      // Bounded wait: a reply never arrives later than this.
      byte[] timeout =
          ByteBuffer.allocate(16)
              .order(ByteOrder.nativeOrder())
              .putLong(0)
              .putLong(200_000)
              .array();
      LibC.INSTANCE.setsockopt(fd, LibC.SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length);
      byte[] request = request(v4, src, dst);
      byte[] kernel = new byte[12];
      kernel[0] = (byte) LibC.AF_NETLINK; // sockaddr_nl, pid 0 = the kernel
      LibC.INSTANCE.sendto(fd, request, request.length, 0, kernel, kernel.length);
      byte[] reply = new byte[8192];
      long n = LibC.INSTANCE.recv(fd, reply, reply.length, 0);
      return parse(reply, (int) n);
    } catch (LastErrorException e) {
      return Optional.empty();
    } finally {
      try {
        LibC.INSTANCE.close(fd);
      } catch (LastErrorException ignored) {
        // nothing to do
      }
    }
  }

  static byte[] request(boolean v4, InetSocketAddress src, InetSocketAddress dst) {
    ByteBuffer b = ByteBuffer.allocate(REQUEST_SIZE).order(ByteOrder.nativeOrder());
    b.putInt(REQUEST_SIZE).putShort((short) SOCK_DIAG_BY_FAMILY).putShort((short) NLM_F_REQUEST);
    b.putInt(1).putInt(0);
    b.put((byte) (v4 ? LibC.AF_INET : LibC.AF_INET6))
        .put((byte) IPPROTO_TCP)
        .put((byte) 0)
        .put((byte) 0);
    b.putInt(0xFFF); // all TCP states
    b.order(ByteOrder.BIG_ENDIAN).putShort((short) src.getPort()).putShort((short) dst.getPort());
    b.put(address(v4, src.getAddress())).put(address(v4, dst.getAddress()));
    b.order(ByteOrder.nativeOrder()).putInt(0).putInt(-1).putInt(-1); // any interface, no cookie
    return b.array();
  }

  /** The 16-byte {@code idiag_src/dst} field: IPv4 in the first four bytes, IPv6 whole. */
  private static byte[] address(boolean v4, InetAddress address) {
    byte[] out = new byte[16];
    byte[] raw = address.getAddress();
    if (v4) {
      System.arraycopy(raw, raw.length - 4, out, 0, 4);
    } else if (raw.length == 4) {
      out[10] = (byte) 0xff; // ::ffff:a.b.c.d
      out[11] = (byte) 0xff;
      System.arraycopy(raw, 0, out, 12, 4);
    } else {
      System.arraycopy(raw, 0, out, 0, 16);
    }
    return out;
  }

  static Optional<Entry> parse(byte[] reply, int length) {
    if (length < NLMSGHDR + 72) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(reply, 0, length).order(ByteOrder.nativeOrder());
    int type = b.getShort(4) & 0xffff;
    if (type == NLMSG_ERROR || type != SOCK_DIAG_BY_FAMILY) {
      return Optional.empty();
    }
    // inet_diag_msg: family,state,timer,retrans (4) + sockid (48) + expires,rqueue,wqueue (12)
    long uid = Integer.toUnsignedLong(b.getInt(NLMSGHDR + 64));
    long inode = Integer.toUnsignedLong(b.getInt(NLMSGHDR + 68));
    return inode == 0 ? Optional.empty() : Optional.of(new Entry(uid, inode));
  }

  /**
   * Looks up {@code src -> dst}; an IPv4 connection is looked up as AF_INET, then as AF_INET6 with
   * v4-mapped addresses (a dual-stack client socket).
   */
  static Optional<Entry> find(InetSocketAddress src, InetSocketAddress dst) {
    Optional<Entry> entry = lookup(src, dst, LinuxOriginalDestinations.isV4(src.getAddress()));
    if (entry.isEmpty() && LinuxOriginalDestinations.isV4(src.getAddress())) {
      entry = lookup(src, dst, false);
    }
    return entry;
  }
}
