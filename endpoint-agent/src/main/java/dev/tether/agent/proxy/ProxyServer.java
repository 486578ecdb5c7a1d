package dev.tether.agent.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The explicit proxy listener. Binds loopback only (checked by the config). */
public final class ProxyServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ProxyServer.class.getName());

  /** A client connection with no traffic either way for this long is closed. */
  public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

  private final ProxyContext context;
  private final EventLoopGroup boss = new NioEventLoopGroup(1);
  private final EventLoopGroup workers = new NioEventLoopGroup();
  private Channel server;

  public ProxyServer(ProxyContext context) {
    this.context = context;
  }

  /** Binds and returns the bound address (the real port when 0 was asked). */
  public InetSocketAddress start(InetSocketAddress listen) throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 512)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            "idle",
                            new IdleStateHandler(0, 0, IDLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .addLast("close-on-idle", CloseOnIdle.INSTANCE)
                        .addLast(new StrictRequestDecoder())
                        .addLast(new HttpResponseEncoder())
                        .addLast(new FrontHandler(context));
                  }
                })
            .bind(listen)
            .sync()
            .channel();
    InetSocketAddress bound = (InetSocketAddress) server.localAddress();
    LOG.log(System.Logger.Level.INFO, "proxy listening on {0}", bound);
    return bound;
  }

  /** Stops accepting, closes connections and waits briefly for the loops to end. */
  @Override
  public void close() {
    if (server != null) {
      server.close().syncUninterruptibly();
    }
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
