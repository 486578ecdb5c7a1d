package dev.tether.nativehooks;

/**
 * Sets the socket mark ({@code SO_MARK} on Linux) that exempts the agent's own upstream sockets
 * from the redirect. Must be applied before {@code connect}; needs CAP_NET_ADMIN.
 */
public interface SocketMarks {
  /**
   * Marks the socket {@code fd} with {@code mark}.
   *
   * @throws RedirectException with the OS's error (e.g. EPERM without CAP_NET_ADMIN)
   */
  void mark(int fd, int mark) throws RedirectException;
}
