package dev.tether.agent.proxy;

import io.netty.channel.Channel;
import java.io.IOException;

/**
 * Tags the proxy's own upstream sockets (Linux: {@code setsockopt(SO_MARK)} on the epoll channel's
 * file descriptor; implemented with the OS hooks) so the OS redirect excludes them and they do not
 * loop back into the transparent listener. Called on each upstream channel after it is registered
 * and before it connects. If it throws, the upstream connection is not made (the request fails
 * closed).
 */
@FunctionalInterface
public interface UpstreamSocketMarker {
  /** Marks {@code channel}'s socket. */
  void mark(Channel channel) throws IOException;
}
