package dev.tether.agent.intercept;

import dev.tether.nativehooks.ProcessInfo;
import dev.tether.nativehooks.RedirectException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One redirected connection, from accept to routing (see {@link TransparentBridge}). */
final class BridgeHandler extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(BridgeHandler.class.getName());
  private static final int MAX_PROXY_REPLY_HEAD = 8192;

  private final TransparentBridge bridge;
  private InetSocketAddress peer;
  private InetSocketAddress original;
  private ByteBuf pending;
  private Optional<Boolean> self;
  private ClientHello.Peek peek;
  private boolean routed;
  private ScheduledFuture<?> deadline;

  BridgeHandler(TransparentBridge bridge) {
    this.bridge = bridge;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Channel ch = ctx.channel();
    peer = (InetSocketAddress) ch.remoteAddress();
    try {
      original =
          bridge
              .hooks
              .destinations()
              .lookup(Fds.of(ch), (InetSocketAddress) ch.localAddress(), peer);
    } catch (RedirectException e) {
      refuse(ctx, e.getMessage());
      return;
    }
    pending = ctx.alloc().buffer(2048);
    deadline =
        ctx.executor()
            .schedule(
                () ->
                    refuse(
                        ctx, "no routing decision within " + TransparentBridge.FIRST_BYTES_TIMEOUT),
                TransparentBridge.FIRST_BYTES_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
    bridge
        .attribution
        .ownedByThisProcess(peer, original)
        .thenAccept(
            result ->
                ctx.executor()
                    .execute(
                        () -> {
                          self = result;
                          route(ctx);
                        }));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buf) || pending == null || routed) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      pending.writeBytes(buf);
    } finally {
      buf.release();
    }
    if (peek == null) {
      ClientHello.Peek p = ClientHello.peek(pending);
      if (!(p instanceof ClientHello.NeedMore)) {
        peek = p;
      } else if (pending.readableBytes() >= ClientHello.MAX_RECORD) {
        peek = new ClientHello.NotTls();
      }
    }
    if (peek != null) {
      ctx.channel().config().setAutoRead(false); // bounded: nothing more until routed
    }
    route(ctx);
  }

  private void route(ChannelHandlerContext ctx) {
    if (routed || peek == null || !ctx.channel().isActive()) {
      return;
    }
    if (peek instanceof ClientHello.Tls tls) {
      // No SNI: an address an AI host resolves to is intercepted as that host.
      String host =
          tls.sni()
              .or(() -> bridge.aiAddresses.hostOf(original.getAddress()))
              .orElse(original.getAddress().getHostAddress());
      if (bridge.scope.destination(host).isEmpty()) {
        start(ctx, "pass-through " + host);
        direct(ctx); // the agent's own or not: either way straight to the original destination
        return;
      }
      if (!decidedSelf(ctx)) {
        return;
      }
      if (self.get()) {
        start(ctx, "agent's own connection to " + host);
        direct(ctx);
      } else {
        start(ctx, "intercept " + host);
        viaProxy(
            ctx,
            "CONNECT "
                + hostPort(host, original.getPort())
                + " HTTP/1.1\r\nHost: "
                + hostPort(host, original.getPort())
                + "\r\n\r\n");
      }
      return;
    }
    if (!decidedSelf(ctx)) {
      return;
    }
    if (self.get()) {
      start(ctx, "agent's own connection to " + original);
      direct(ctx);
    } else {
      start(ctx, "not TLS: to the explicit proxy");
      viaProxy(ctx, null);
    }
  }

  /** False while the own-socket check runs; refuses when it could not decide (fail closed). */
  private boolean decidedSelf(ChannelHandlerContext ctx) {
    if (self == null) {
      return false;
    }
    if (self.isEmpty()) {
      refuse(ctx, "cannot tell whether " + peer + " is the agent's own socket");
      return false;
    }
    return true;
  }

  private void start(ChannelHandlerContext ctx, String route) {
    routed = true;
    deadline.cancel(false);
    InetSocketAddress dst = original;
    bridge
        .attribution
        .lookup(peer, dst)
        .thenAccept(
            info ->
                LOG.log(
                    System.Logger.Level.INFO,
                    "transparent {0} -> {1}: {2} ({3})",
                    peer,
                    dst,
                    route,
                    info.map(BridgeHandler::describe).orElse("process unknown")));
  }

  static String describe(ProcessInfo p) {
    return "pid=" + p.pid() + " uid=" + p.uid() + " exe=" + p.executable();
  }

  private void direct(ChannelHandlerContext ctx) {
    connect(ctx, original, true, null);
  }

  private void viaProxy(ChannelHandlerContext ctx, String connectLine) {
    connect(ctx, bridge.explicitProxy, false, connectLine);
  }

  private void connect(
      ChannelHandlerContext ctx, InetSocketAddress target, boolean marked, String connectLine) {
    Channel client = ctx.channel();
    new Bootstrap()
        .group(client.eventLoop())
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000)
        .option(ChannelOption.AUTO_READ, false)
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel up) throws Exception {
                if (marked) {
                  // Before connect: the mark exempts this socket from the redirect.
                  bridge.hooks.marks().mark(Fds.of(up), bridge.mark);
                }
              }
            })
        .connect(target)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (!f.isSuccess()) {
                    LOG.log(
                        System.Logger.Level.INFO,
                        "transparent {0}: cannot reach {1}: {2}",
                        peer,
                        target,
                        f.cause().toString());
                    release();
                    client.close();
                    return;
                  }
                  Channel up = f.channel();
                  if (connectLine == null) {
                    splice(ctx, up);
                  } else {
                    up.pipeline().addLast("connect-reply", new ConnectReply(ctx, this));
                    up.writeAndFlush(Unpooled.copiedBuffer(connectLine, StandardCharsets.US_ASCII));
                    up.config().setAutoRead(true);
                  }
                });
  }

  /** Sends what the client sent so far, then relays both ways. */
  void splice(ChannelHandlerContext ctx, Channel up) {
    Channel client = ctx.channel();
    if (!client.isActive()) {
      release();
      up.close();
      return;
    }
    up.pipeline().addLast("relay", new Relay(client));
    ctx.pipeline().addLast("relay", new Relay(up));
    ByteBuf early = pending;
    pending = null;
    up.writeAndFlush(early);
    ctx.pipeline().remove(this);
    up.config().setAutoRead(true);
    client.config().setAutoRead(true);
  }

  private void refuse(ChannelHandlerContext ctx, String reason) {
    if (routed && pending == null) {
      return;
    }
    routed = true;
    bridge.refused.incrementAndGet();
    LOG.log(System.Logger.Level.INFO, "transparent {0} refused: {1}", peer, reason);
    release();
    ctx.close();
  }

  private void release() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (deadline != null) {
      deadline.cancel(false);
    }
    release();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(
        cause instanceof IOException ? System.Logger.Level.DEBUG : System.Logger.Level.ERROR,
        "transparent connection failed: {0}",
        cause.toString());
    release();
    ctx.close();
  }

  private static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** Reads the explicit proxy's reply to CONNECT (bounded); 200: splice, else close both. */
  private static final class ConnectReply extends ChannelInboundHandlerAdapter {
    private final ChannelHandlerContext client;
    private final BridgeHandler owner;
    private final StringBuilder head = new StringBuilder();

    ConnectReply(ChannelHandlerContext client, BridgeHandler owner) {
      this.client = client;
      this.owner = owner;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      try {
        while (buf.isReadable()) {
          head.append((char) buf.readByte());
          if (head.length() > MAX_PROXY_REPLY_HEAD) {
            fail(ctx, "oversized CONNECT reply");
            return;
          }
          if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
            String status = head.substring(0, Math.min(head.indexOf("\r\n"), 200));
            if (!status.matches("HTTP/1\\.[01] 200.*")) {
              fail(ctx, "explicit proxy refused: " + status);
              return;
            }
            ctx.channel().config().setAutoRead(false);
            ctx.pipeline().remove(this);
            owner.splice(client, ctx.channel());
            if (buf.isReadable()) {
              client.channel().writeAndFlush(buf.retain());
            }
            return;
          }
        }
      } finally {
        buf.release();
      }
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
      LOG.log(System.Logger.Level.INFO, "transparent {0}: {1}", owner.peer, reason);
      owner.release();
      ctx.close();
      client.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      owner.release();
      client.close();
    }
  }
}
