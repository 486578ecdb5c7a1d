package dev.tether.nativehooks;

import java.net.InetSocketAddress;

/**
 * Where a redirected connection was going before the OS sent it to the agent's listener.
 *
 * <p>Called once per accepted connection, before any byte is relayed. Implementations never return
 * the listener's own address: a connection made directly to the listener (not redirected) is
 * refused with a {@link RedirectException} (loop guard), as is a connection the OS has no record
 * of.
 */
public interface OriginalDestinations {
  /**
   * Returns the original destination of the accepted connection on {@code fd}.
   *
   * @param fd the accepted socket's file descriptor
   * @param local the accepted socket's local address (the listener's address)
   * @param peer the accepted socket's remote address (the client's own address)
   * @throws RedirectException with the OS's error when there is no original destination, or when it
   *     is the listener itself
   */
  InetSocketAddress lookup(int fd, InetSocketAddress local, InetSocketAddress peer)
      throws RedirectException;
}
