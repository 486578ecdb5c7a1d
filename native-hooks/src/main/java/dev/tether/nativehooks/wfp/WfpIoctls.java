package dev.tether.nativehooks.wfp;

/**
 * Winsock control codes of the WFP proxy connection-tracking API ({@code mstcpip.h}), computed from
 * the SDK's macros: {@code _WSAIOW(x, y) = IOC_IN | x | y} with {@code IOC_IN = 0x80000000} and
 * {@code IOC_VENDOR = 0x18000000}.
 */
public final class WfpIoctls {
  static final long IOC_IN = 0x80000000L;
  static final long IOC_VENDOR = 0x18000000L;

  /** Reads the redirect records of an accepted, redirected connection (opaque to us). */
  public static final long SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS = wsaIow(IOC_VENDOR, 220);

  /** Reads the redirect context the callout stored ({@link WfpRedirectContext}). */
  public static final long SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT = wsaIow(IOC_VENDOR, 221);

  /**
   * Sets the redirect records on the agent's upstream socket, so the callout recognises it as the
   * proxied continuation and does not redirect it again (the Windows counterpart of {@code
   * SO_MARK}).
   */
  public static final long SIO_SET_WFP_CONNECTION_REDIRECT_RECORDS = wsaIow(IOC_VENDOR, 222);

  private WfpIoctls() {}

  static long wsaIow(long type, int number) {
    return IOC_IN | type | number;
  }
}
