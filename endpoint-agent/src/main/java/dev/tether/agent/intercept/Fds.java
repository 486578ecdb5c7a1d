package dev.tether.agent.intercept;

import dev.tether.nativehooks.ChannelFds;
import dev.tether.nativehooks.RedirectException;
import io.netty.channel.Channel;
import io.netty.channel.nio.AbstractNioChannel;
import io.netty.channel.unix.UnixChannel;
import java.lang.reflect.Method;

/** The OS file descriptor of a Netty channel: epoll exposes it; NIO through its JDK channel. */
final class Fds {
  private static final Method JAVA_CHANNEL = javaChannelMethod();

  private Fds() {}

  static int of(Channel channel) throws RedirectException {
    if (channel instanceof UnixChannel unix) {
      return unix.fd().intValue();
    }
    if (JAVA_CHANNEL == null || !(channel instanceof AbstractNioChannel)) {
      throw new RedirectException("cannot read the fd of " + channel.getClass().getName());
    }
    try {
      return ChannelFds.fd((java.nio.channels.Channel) JAVA_CHANNEL.invoke(channel));
    } catch (ReflectiveOperationException e) {
      throw new RedirectException("cannot read the fd of " + channel + ": " + e, e);
    }
  }

  private static Method javaChannelMethod() {
    try {
      Method m = AbstractNioChannel.class.getDeclaredMethod("javaChannel");
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
