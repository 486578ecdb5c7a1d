package dev.tether.agent.proxy;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a client connection when the {@code IdleStateHandler} in front of it reports it idle. Sits
 * right behind that handler for the connection's whole life, so it applies whether the connection
 * is later intercepted or tunnelled.
 */
@ChannelHandler.Sharable
final class CloseOnIdle extends ChannelInboundHandlerAdapter {
  static final CloseOnIdle INSTANCE = new CloseOnIdle();

  private CloseOnIdle() {}

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, event);
  }
}
