package dev.tether.nativehooks.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;

/** The few libc calls this package needs. Every call throws {@link LastErrorException} on -1. */
interface LibC extends Library {
  int SOL_SOCKET = 1;
  int SOL_IP = 0;
  int SOL_IPV6 = 41;
  int SO_MARK = 36;

  /** {@code SO_ORIGINAL_DST} (linux/netfilter_ipv4.h) and {@code IP6T_SO_ORIGINAL_DST}. */
  int SO_ORIGINAL_DST = 80;

  int AF_INET = 2;
  int AF_INET6 = 10;
  int AF_NETLINK = 16;
  int SOCK_DGRAM = 2;
  int SOCK_CLOEXEC = 0x80000;
  int NETLINK_SOCK_DIAG = 4;

  LibC INSTANCE = Native.load("c", LibC.class);

  int getsockopt(int fd, int level, int name, byte[] value, IntByReference length)
      throws LastErrorException;

  int setsockopt(int fd, int level, int name, IntByReference value, int length)
      throws LastErrorException;

  int socket(int domain, int type, int protocol) throws LastErrorException;

  long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength)
      throws LastErrorException;

  long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

  int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  static String describe(LastErrorException e) {
    return "errno " + e.getErrorCode() + " (" + e.getMessage() + ")";
  }
}
