package dev.tether.nativehooks;

import java.lang.reflect.Method;
import java.nio.channels.Channel;

/**
 * The file descriptor behind a JDK NIO socket channel. Needs {@code
 * --add-exports=java.base/sun.nio.ch=ALL-UNNAMED} (set by the agent's launcher and unit files);
 * without it every call throws.
 */
public final class ChannelFds {
  private static final Method GET_FD_VAL = lookup();

  private ChannelFds() {}

  /**
   * The channel's fd.
   *
   * @throws RedirectException when the JDK does not expose it (missing --add-exports)
   */
  public static int fd(Channel channel) throws RedirectException {
    if (GET_FD_VAL == null) {
      throw new RedirectException(
          "cannot read a socket's fd: start the JVM with"
              + " --add-exports=java.base/sun.nio.ch=ALL-UNNAMED");
    }
    try {
      return (int) GET_FD_VAL.invoke(channel);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new RedirectException("cannot read the fd of " + channel + ": " + e, e);
    }
  }

  private static Method lookup() {
    try {
      Class<?> selChImpl = Class.forName("sun.nio.ch.SelChImpl");
      return selChImpl.getMethod("getFDVal");
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
