package dev.tether.agent.proxy;

import dev.tether.agent.proxy.InterceptScope.Intercept;
import dev.tether.agent.proxy.InterceptScope.Scope;
import dev.tether.agent.proxy.InterceptScope.Tunnel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.Locale;

/**
 * Decides a connection's scope before anything is decrypted, from the TLS ClientHello the client
 * sends first (peeked, not consumed) and the destination: the CONNECT target in explicit mode, the
 * original destination in transparent mode.
 *
 * <ul>
 *   <li>TLS with SNI: the SNI name decides; in explicit mode the CONNECT name too, and the stricter
 *       of the two wins (an AI name in either intercepts, so SNI/CONNECT mismatches cannot front).
 *   <li>TLS without SNI: the CONNECT name if there is one; with only an IP literal the connection
 *       is intercepted as an unlisted host, never tunnelled for lack of a name.
 *   <li>Not TLS: tunnelled unless the name is an AI destination or {@code inspectAll} is on, in
 *       which case it is closed (AI APIs are HTTPS only).
 * </ul>
 *
 * <p>No ClientHello within {@value #HELLO_TIMEOUT_MILLIS} ms closes the connection. Tunnelled
 * bytes, including the peeked hello, reach the upstream unchanged.
 */
final class ClientHelloScope extends AbstractSniHandler<Scope> {
  private static final System.Logger LOG = System.getLogger(ClientHelloScope.class.getName());
  static final long HELLO_TIMEOUT_MILLIS = 10_000;
  private static final int MAX_HELLO_BYTES = 64 * 1024;

  private final ProxyContext context;
  private final HostAndPort destination;
  private final String connectName;
  private boolean tls;
  private boolean decided;
  private String sni;

  /**
   * @param destination where the client was going (CONNECT target or original destination)
   * @param connectName the CONNECT host if it is a name, else {@code null}
   */
  ClientHelloScope(ProxyContext context, HostAndPort destination, String connectName) {
    super(MAX_HELLO_BYTES, HELLO_TIMEOUT_MILLIS);
    this.context = context;
    this.destination = destination;
    this.connectName = connectName;
  }

  static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    if (decided) {
      return; // waiting for the tunnel's upstream: keep the bytes for the relay
    }
    if (in.isReadable()) {
      tls = in.getUnsignedByte(in.readerIndex()) == 22; // TLS handshake record
    }
    super.decode(ctx, in, out);
  }

  @Override
  protected Future<Scope> lookup(ChannelHandlerContext ctx, String hostname) {
    sni = hostname == null ? null : canonical(hostname);
    return ctx.executor().newSucceededFuture(scope());
  }

  private Scope scope() {
    InterceptScope scope = context.scope();
    if (!tls) {
      boolean ai = connectName != null && scope.destination(connectName).isPresent();
      return ai || scope.settings().inspectAll() ? null : new Tunnel("not_tls");
    }
    Scope byConnect = connectName == null ? null : scope.decide(connectName);
    Scope bySni = sni == null ? null : scope.decide(sni);
    if (byConnect == null && bySni == null) {
      return scope.decideUnnamed();
    }
    if (byConnect == null || bySni == null) {
      return byConnect == null ? bySni : byConnect;
    }
    // Both named: intercept if either says so; prefer the listed (AI) verdict for the provider.
    if (bySni instanceof Intercept s && (s.listed() || !(byConnect instanceof Intercept))) {
      return bySni;
    }
    return byConnect instanceof Intercept ? byConnect : bySni;
  }

  private static String canonical(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  @Override
  protected void onLookupComplete(
      ChannelHandlerContext ctx, String hostname, Future<Scope> future) {
    decided = true;
    Scope scope = future.getNow();
    if (!future.isSuccess() || scope == null) {
      LOG.log(
          System.Logger.Level.INFO,
          "refused non-TLS connection to {0} (AI destination or inspect-all)",
          destination);
      ctx.close();
      return;
    }
    if (scope instanceof Intercept intercept) {
      String serverName =
          sni != null && !isIpLiteral(sni)
              ? sni
              : connectName != null ? connectName : destination.host();
      InterceptTarget target =
          new InterceptTarget(
              destination, serverName, intercept.provider(), intercept.listed(), true);
      try {
        ctx.pipeline()
            .addAfter(
                ctx.name(),
                "tls",
                context.minter().serverContext(serverName).newHandler(ctx.alloc()))
            .addAfter("tls", "alpn", new AlpnSwitch(context, target));
        ctx.pipeline().remove(this);
      } catch (Exception e) {
        LOG.log(System.Logger.Level.ERROR, "cannot intercept {0}: {1}", serverName, e.toString());
        ctx.close();
      }
      return;
    }
    tunnel(ctx, ((Tunnel) scope).reason());
  }

  private void tunnel(ChannelHandlerContext ctx, String reason) {
    Channel front = ctx.channel();
    front.config().setAutoRead(false);
    context
        .transport()
        .upstream(front)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000)
        .option(ChannelOption.AUTO_READ, false)
        .handler(
            new io.netty.channel.ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) throws Exception {
                context.transport().prepareUpstream(ch);
                ch.pipeline().addLast(new TunnelRelay(front));
              }
            })
        .connect(destination.host(), destination.port())
        .addListener(
            (ChannelFutureListener)
                connected -> {
                  if (!connected.isSuccess()) {
                    LOG.log(
                        System.Logger.Level.INFO,
                        "tunnel ({0}) to {1} failed: {2}",
                        reason,
                        destination,
                        connected.cause().toString());
                    front.close();
                    return;
                  }
                  Channel upstream = connected.channel();
                  ctx.pipeline().addAfter(ctx.name(), "relay", new TunnelRelay(upstream));
                  ctx.pipeline().remove(this); // hands the peeked bytes to the relay
                  upstream.config().setAutoRead(true);
                  front.config().setAutoRead(true);
                });
  }
}
