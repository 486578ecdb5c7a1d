package dev.tether.agent.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The proxy's listeners, sharing one set of event loops: the explicit proxy ({@link #start}, HTTP
 * CONNECT) and the transparent listener ({@link #startTransparent}, connections redirected by the
 * OS intercept). Both bind loopback only (checked by the config).
 */
public final class ProxyServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ProxyServer.class.getName());

  /** A client connection with no traffic either way for this long is closed. */
  public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

  private final ProxyContext context;
  private final AppAttribution apps;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final List<Channel> servers = new ArrayList<>();

  /** A proxy that does not attribute explicit-proxy connections to apps. */
  public ProxyServer(ProxyContext context) {
    this(context, AppAttribution.NONE);
  }

  /**
   * @param apps attributes each explicit-proxy connection to the app that opened it (transparent
   *     connections are attributed by the transparent mode, which knows their original destination)
   */
  public ProxyServer(ProxyContext context, AppAttribution apps) {
    this.context = context;
    this.apps = java.util.Objects.requireNonNull(apps, "apps");
    this.boss = context.transport().newGroup(1);
    this.workers = context.transport().newGroup(0);
  }

  /** Binds the explicit proxy and returns the bound address (the real port when 0 was asked). */
  public InetSocketAddress start(InetSocketAddress listen) throws InterruptedException {
    return bind(listen, "explicit", () -> new FrontHandler(context), true);
  }

  /**
   * Binds the transparent listener: every accepted connection's original destination comes from
   * {@code resolver}.
   */
  public InetSocketAddress startTransparent(
      InetSocketAddress listen, OriginalDestinationResolver resolver) throws InterruptedException {
    return bind(listen, "transparent", () -> new TransparentEntry(context, resolver), false);
  }

  private InetSocketAddress bind(
      InetSocketAddress listen, String kind, Supplier<ChannelHandler> entry, boolean http)
      throws InterruptedException {
    Channel server =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(context.transport().serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(
                            "idle",
                            new IdleStateHandler(0, 0, IDLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .addLast("close-on-idle", CloseOnIdle.INSTANCE);
                    if (http) {
                      ch.attr(AppAttribution.APP)
                          .set(
                              apps.lookup(
                                  (InetSocketAddress) ch.remoteAddress(),
                                  (InetSocketAddress) ch.localAddress()));
                      ch.pipeline()
                          .addLast(new StrictRequestDecoder())
                          .addLast(new HttpResponseEncoder());
                    }
                    ch.pipeline().addLast("entry", entry.get());
                  }
                })
            .bind(listen)
            .sync()
            .channel();
    synchronized (servers) {
      servers.add(server);
    }
    InetSocketAddress bound = (InetSocketAddress) server.localAddress();
    LOG.log(
        System.Logger.Level.INFO,
        "{0} proxy listening on {1} ({2})",
        kind,
        bound,
        context.transport());
    return bound;
  }

  /** Stops accepting, closes connections and waits briefly for the loops to end. */
  @Override
  public void close() {
    synchronized (servers) {
      servers.forEach(s -> s.close().syncUninterruptibly());
      servers.clear();
    }
    context.h2Pool().close();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
