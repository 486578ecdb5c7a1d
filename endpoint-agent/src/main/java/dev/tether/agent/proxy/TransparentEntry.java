package dev.tether.agent.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The first handler on a connection the OS redirected to the transparent listener: learns the
 * original destination through the {@link OriginalDestinationResolver} and hands the connection to
 * {@link ClientHelloScope}, which scopes it from the ClientHello's SNI (or, with no SNI, by the
 * original destination alone, never waved through). A connection whose destination cannot be
 * learned, or that points back at this listener (a redirect loop), is closed.
 */
final class TransparentEntry extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(TransparentEntry.class.getName());

  private final ProxyContext context;
  private final OriginalDestinationResolver resolver;

  TransparentEntry(ProxyContext context, OriginalDestinationResolver resolver) {
    this.context = context;
    this.resolver = resolver;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    InetSocketAddress original;
    try {
      original = resolver.resolve(ctx.channel());
    } catch (IOException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.INFO,
          "closing redirected connection from {0}: original destination unknown: {1}",
          ctx.channel().remoteAddress(),
          e.toString());
      ctx.close();
      return;
    }
    if (original == null || original.equals(ctx.channel().localAddress())) {
      LOG.log(
          System.Logger.Level.ERROR, "redirect loop or no destination ({0}); closing", original);
      ctx.close();
      return;
    }
    HostAndPort destination =
        new HostAndPort(original.getAddress().getHostAddress(), original.getPort());
    ctx.pipeline().replace(this, "scope", new ClientHelloScope(context, destination, null));
    super.channelActive(ctx);
  }
}
