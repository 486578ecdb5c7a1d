package dev.tether.agent.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;

/**
 * The socket transport: Netty's native epoll on Linux when it loads (it exposes each socket's file
 * descriptor, for {@code SO_ORIGINAL_DST} and {@code SO_MARK}), NIO otherwise.
 *
 * <p>An {@link UpstreamSocketMarker} tags the proxy's own upstream connections so the OS redirect
 * can exclude them (no redirect loop). A mark needs the file descriptor, so only epoll can carry
 * one; asking for one where epoll is unavailable fails at start-up instead of looping.
 */
public final class Transport {
  private final boolean epoll;
  private final UpstreamSocketMarker marker;

  private Transport(boolean epoll, UpstreamSocketMarker marker) {
    this.epoll = epoll;
    this.marker = marker;
  }

  /** NIO, no mark (portable; tests). */
  public static Transport nio() {
    return new Transport(false, null);
  }

  /**
   * Epoll when available, else NIO.
   *
   * @param marker marks upstream sockets, or {@code null} for none
   * @throws IllegalStateException if a marker is given and epoll is unavailable
   */
  public static Transport auto(UpstreamSocketMarker marker) {
    boolean available = Epoll.isAvailable();
    if (marker != null && !available) {
      throw new IllegalStateException(
          "upstream socket mark: needs the native epoll transport, unavailable here: "
              + Epoll.unavailabilityCause());
    }
    return new Transport(available, marker);
  }

  /** True if the native epoll transport is used. */
  public boolean isEpoll() {
    return epoll;
  }

  /** Marks an upstream channel (call first in its initializer); no-op without a marker. */
  void prepareUpstream(Channel channel) throws IOException {
    if (marker != null) {
      marker.mark(channel);
    }
  }

  EventLoopGroup newGroup(int threads) {
    return epoll ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
  }

  Class<? extends ServerChannel> serverChannel() {
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** A client bootstrap on the front connection's event loop, of the matching channel type. */
  Bootstrap upstream(Channel front) {
    Bootstrap bootstrap =
        new Bootstrap()
            .group(front.eventLoop())
            .option(io.netty.channel.ChannelOption.TCP_NODELAY, true);
    Channel socket =
        front instanceof io.netty.handler.codec.http2.Http2StreamChannel ? front.parent() : front;
    return bootstrap.channel(
        socket instanceof EpollSocketChannel ? EpollSocketChannel.class : NioSocketChannel.class);
  }

  @Override
  public String toString() {
    return (epoll ? "epoll" : "nio") + (marker != null ? ", upstream sockets marked" : "");
  }
}
