package dev.tether.nativehooks.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.ptr.IntByReference;
import dev.tether.nativehooks.OriginalDestinations;
import dev.tether.nativehooks.RedirectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * {@code getsockopt(SOL_IP, SO_ORIGINAL_DST)} for IPv4 clients (also on a dual-stack IPv6 socket,
 * where the peer is a v4-mapped address) and {@code getsockopt(SOL_IPV6, IP6T_SO_ORIGINAL_DST)} for
 * IPv6 clients. Both read conntrack's original tuple.
 */
public final class LinuxOriginalDestinations implements OriginalDestinations {
  private static final int SOCKADDR_IN6_SIZE = 28;

  @Override
  public InetSocketAddress lookup(int fd, InetSocketAddress local, InetSocketAddress peer)
      throws RedirectException {
    boolean v4 = isV4(peer.getAddress());
    byte[] buffer = new byte[SOCKADDR_IN6_SIZE];
    IntByReference length = new IntByReference(buffer.length);
    try {
      LibC.INSTANCE.getsockopt(
          fd, v4 ? LibC.SOL_IP : LibC.SOL_IPV6, LibC.SO_ORIGINAL_DST, buffer, length);
    } catch (LastErrorException e) {
      throw new RedirectException(
          "no original destination for "
              + peer
              + " -> "
              + local
              + " (not a redirected connection?): getsockopt(SO_ORIGINAL_DST): "
              + LibC.describe(e));
    }
    InetSocketAddress original = decode(buffer, length.getValue());
    requireNotListener(original, local);
    return original;
  }

  /**
   * Loop guard: a connection made straight to the listener reports the listener as its original
   * destination. Relaying it would connect the agent to itself.
   */
  static void requireNotListener(InetSocketAddress original, InetSocketAddress local)
      throws RedirectException {
    if (original.getPort() != local.getPort()) {
      return;
    }
    InetAddress address = original.getAddress();
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || sameAddress(address, local.getAddress())) {
      throw new RedirectException(
          "refused: connection made directly to the agent's listener " + local + " (loop guard)");
    }
  }

  /**
   * Decodes a {@code struct sockaddr_in} or {@code struct sockaddr_in6} (host byte order family).
   */
  static InetSocketAddress decode(byte[] sockaddr, int length) throws RedirectException {
    int family = (sockaddr[0] & 0xff) | (sockaddr[1] & 0xff) << 8;
    int port = (sockaddr[2] & 0xff) << 8 | (sockaddr[3] & 0xff);
    try {
      if (family == LibC.AF_INET && length >= 8) {
        return new InetSocketAddress(
            InetAddress.getByAddress(Arrays.copyOfRange(sockaddr, 4, 8)), port);
      }
      if (family == LibC.AF_INET6 && length >= 24) {
        return new InetSocketAddress(
            InetAddress.getByAddress(Arrays.copyOfRange(sockaddr, 8, 24)), port);
      }
    } catch (UnknownHostException e) {
      throw new RedirectException("SO_ORIGINAL_DST: bad address", e);
    }
    throw new RedirectException(
        "SO_ORIGINAL_DST: unexpected family " + family + " (length " + length + ")");
  }

  static boolean isV4(InetAddress address) {
    if (address instanceof Inet4Address) {
      return true;
    }
    byte[] raw = address.getAddress();
    if (address instanceof Inet6Address && raw.length == 16) {
      for (int i = 0; i < 10; i++) {
        if (raw[i] != 0) {
          return false;
        }
      }
      return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff; // ::ffff:a.b.c.d
    }
    return false;
  }

  private static boolean sameAddress(InetAddress a, InetAddress b) {
    return Arrays.equals(v4Form(a), v4Form(b));
  }

  private static byte[] v4Form(InetAddress address) {
    byte[] raw = address.getAddress();
    return raw.length == 16 && isV4(address) ? Arrays.copyOfRange(raw, 12, 16) : raw;
  }
}
