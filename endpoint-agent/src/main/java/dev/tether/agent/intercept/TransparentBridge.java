package dev.tether.agent.intercept;

import dev.tether.agent.proxy.InterceptScope;
import dev.tether.nativehooks.AsyncAttribution;
import dev.tether.nativehooks.NativeHooks;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transparent listener on 127.0.0.1 and ::1 (where the OS redirect sends outbound TCP). For
 * every connection, in order:
 *
 * <ol>
 *   <li>original destination ({@code SO_ORIGINAL_DST}); none, or the listener itself (loop guard):
 *       closed;
 *   <li>the first TLS record is read (bounded) for its SNI; in parallel, whether the socket is the
 *       agent's own (an upstream connection that carries no mark) and, off the data path, which
 *       process made it (logged as the connection's app context);
 *   <li>routing: the agent's own connection, or TLS whose SNI (or, without SNI, address) is not in
 *       the intercept scope: relayed byte for byte to the original destination on a socket carrying
 *       the agent's mark (the client sees the real server certificate); TLS to an AI destination:
 *       handed to the explicit proxy as {@code CONNECT sni:port}, so it is scoped, intercepted and
 *       decided exactly like explicit-proxy traffic; not TLS: the bytes go to the explicit proxy as
 *       they are (a client configured for another HTTP proxy ends up talking to the agent's proxy;
 *       anything else gets its 400).
 * </ol>
 *
 * Any failure before routing closes the connection (fail closed). Never removes the redirect.
 */
public final class TransparentBridge implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TransparentBridge.class.getName());

  /** Time for a client to send its first record, and for the own-socket check. */
  static final Duration FIRST_BYTES_TIMEOUT = Duration.ofSeconds(10);

  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

  final NativeHooks hooks;
  final AsyncAttribution attribution;
  final InterceptScope scope;
  final InetSocketAddress explicitProxy;
  final int mark;
  final AiAddresses aiAddresses;
  final AtomicLong refused = new AtomicLong();
  private final EventLoopGroup boss = new NioEventLoopGroup(1);
  private final EventLoopGroup workers = new NioEventLoopGroup();
  private final List<Channel> servers = new ArrayList<>();

  public TransparentBridge(
      NativeHooks hooks,
      AsyncAttribution attribution,
      InterceptScope scope,
      InetSocketAddress explicitProxy,
      int mark,
      java.util.function.Supplier<List<String>> aiHosts) {
    this.hooks = Objects.requireNonNull(hooks, "hooks");
    this.attribution = Objects.requireNonNull(attribution, "attribution");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.explicitProxy = Objects.requireNonNull(explicitProxy, "explicitProxy");
    this.mark = mark;
    this.aiAddresses = new AiAddresses(aiHosts);
  }

  /** Binds 127.0.0.1:port and [::1]:port (REDIRECT in output goes to loopback). */
  public List<InetSocketAddress> start(int port) throws Exception {
    List<InetSocketAddress> bound = new ArrayList<>();
    for (String address : List.of("127.0.0.1", "::1")) {
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childOption(ChannelOption.AUTO_READ, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(
                              "idle",
                              new IdleStateHandler(
                                  0, 0, IDLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                          .addLast("bridge", new BridgeHandler(TransparentBridge.this));
                    }
                  });
      Channel server =
          bootstrap
              .bind(new InetSocketAddress(InetAddress.getByName(address), port))
              .sync()
              .channel();
      servers.add(server);
      bound.add((InetSocketAddress) server.localAddress());
    }
    LOG.log(System.Logger.Level.INFO, "transparent listener on {0}", bound);
    return bound;
  }

  /** Connections refused before routing (no original destination, loop, timeout, error). */
  public long refused() {
    return refused.get();
  }

  @Override
  public void close() {
    servers.forEach(s -> s.close().syncUninterruptibly());
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    attribution.close();
    aiAddresses.close();
  }
}
