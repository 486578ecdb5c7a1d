package dev.tether.nativehooks.wfp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The redirect context Tether's callout driver stores with {@code localRedirectContext} and the
 * agent reads with {@link WfpIoctls#SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT}: a {@code
 * SOCKADDR_STORAGE} (128 bytes, {@code ws2def.h}; {@code SOCKADDR_IN} or {@code SOCKADDR_IN6}
 * inside, family little-endian, port and address in network order) with the original destination,
 * then the connecting process id as a little-endian {@code UINT64}: {@value #SIZE} bytes. This
 * layout is ours (the driver is its other half); the sizes are the SDK's.
 */
public record WfpRedirectContext(InetSocketAddress originalDestination, long processId) {
  static final int SOCKADDR_STORAGE_SIZE = 128;
  static final int AF_INET = 2;
  static final int AF_INET6 = 23; // Windows

  /** Bytes in the context. */
  public static final int SIZE = SOCKADDR_STORAGE_SIZE + Long.BYTES;

  public WfpRedirectContext {
    if (processId < 0) {
      throw new IllegalArgumentException("wfp.processId: expected >= 0, got " + processId);
    }
  }

  /** Parses what the ioctl returned; throws on any other size or family. */
  public static WfpRedirectContext decode(byte[] raw) throws UnknownHostException {
    if (raw.length != SIZE) {
      throw new IllegalArgumentException(
          "wfp redirect context: expected " + SIZE + " bytes, got " + raw.length);
    }
    ByteBuffer le = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    int family = le.getShort(0) & 0xffff;
    int port = (raw[2] & 0xff) << 8 | (raw[3] & 0xff);
    InetAddress address;
    if (family == AF_INET) {
      address = InetAddress.getByAddress(Arrays.copyOfRange(raw, 4, 8));
    } else if (family == AF_INET6) {
      address = InetAddress.getByAddress(Arrays.copyOfRange(raw, 8, 24)); // after flowinfo
    } else {
      throw new IllegalArgumentException("wfp redirect context: unknown family " + family);
    }
    return new WfpRedirectContext(
        new InetSocketAddress(address, port), le.getLong(SOCKADDR_STORAGE_SIZE));
  }

  /** The bytes the driver writes (used by tests and by the driver's test vectors). */
  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    byte[] addr = originalDestination.getAddress().getAddress();
    b.putShort(0, (short) (addr.length == 4 ? AF_INET : AF_INET6));
    b.put(2, (byte) (originalDestination.getPort() >> 8));
    b.put(3, (byte) originalDestination.getPort());
    b.put(addr.length == 4 ? 4 : 8, addr);
    b.putLong(SOCKADDR_STORAGE_SIZE, processId);
    return b.array();
  }
}
