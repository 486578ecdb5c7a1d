package dev.tether.agent.proxy;

import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Learns where a connection redirected by the OS intercept was going before the redirect (Linux:
 * {@code getsockopt(SO_ORIGINAL_DST)} on the accepted socket; the implementation lives with the OS
 * hooks). Called once per accepted connection on its event loop, so it must be fast and must not
 * block on I/O.
 */
@FunctionalInterface
public interface OriginalDestinationResolver {
  /**
   * @return the original destination address and port
   * @throws IOException if the connection was not redirected or the lookup failed; the connection
   *     is then closed (never relayed to a guessed destination)
   */
  InetSocketAddress resolve(Channel channel) throws IOException;
}
