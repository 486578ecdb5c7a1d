package dev.tether.agent.proxy;

import dev.tether.agent.enforce.Enforcement;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.RejectedExecutionException;

/**
 * A WebSocket connection after an allowed upgrade: every client->server data message (text or
 * binary, reassembled from fragments, bounded) is decided like a request before it is sent on; a
 * refused message closes the connection with 1008 (policy violation) and is never sent.
 * Server->client bytes are relayed unchanged. Extensions are not negotiated (the upgrade request's
 * {@code Sec-WebSocket-Extensions} is removed), so frames are never compressed past inspection. One
 * message is decided at a time; reading pauses meanwhile.
 */
final class WebSocketInspector extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(WebSocketInspector.class.getName());

  private final ProxyContext context;
  private final InterceptTarget target;
  private final String path;
  private final Channel upstream;

  private WebSocketInspector(
      ProxyContext context, InterceptTarget target, String path, Channel upstream) {
    this.context = context;
    this.target = target;
    this.path = path;
    this.upstream = upstream;
  }

  /**
   * Rewires both connections once the upstream answered 101: the client side decodes frames into
   * this inspector; the upstream side masks the frames sent to it and relays its bytes back.
   */
  static void install(
      ProxyContext context,
      InterceptTarget target,
      String path,
      ChannelPipeline client,
      Channel upstream,
      int maxMessageBytes) {
    ChannelPipeline up = upstream.pipeline();
    up.addAfter("codec", "ws-down", new TunnelRelay(client.channel()));
    up.addBefore("codec", "ws-encoder", new WebSocket08FrameEncoder(true));
    up.remove("relay");
    up.remove("codec"); // bytes already read after the 101 go on to ws-down
    client.addBefore(
        "decoder",
        "ws-decoder",
        new WebSocket08FrameDecoder(
            WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true)
                .allowExtensions(false)
                .maxFramePayloadLength(maxMessageBytes)
                .closeOnProtocolViolation(true)
                .build()));
    client.addAfter("ws-decoder", "ws-aggregator", new WebSocketFrameAggregator(maxMessageBytes));
    client.addAfter(
        "ws-aggregator", "ws-inspect", new WebSocketInspector(context, target, path, upstream));
    client.addBefore("ws-decoder", "ws-encoder", new WebSocket08FrameEncoder(false));
    client.remove("intercept");
    client.remove("encoder");
    client.remove("decoder");
    upstream.config().setAutoRead(true);
    client.channel().config().setAutoRead(true);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame frame)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame)) {
      upstream.writeAndFlush(frame); // ping, pong, close: control frames pass
      return;
    }
    boolean text = frame instanceof TextWebSocketFrame;
    byte[] message = ByteBufUtil.getBytes(frame.content());
    frame.release();
    ctx.channel().config().setAutoRead(false);
    HttpRequest asRequest = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path);
    asRequest.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    String decisionId = dev.tether.core.audit.AuditEvent.newId();
    var app = AppAttribution.of(ctx.channel());
    try {
      context
          .decisionExecutor()
          .execute(
              () -> {
                RequestDecider.Decided decided =
                    RequestDecider.decide(
                        context, target, asRequest, message, false, decisionId, app);
                ctx.executor().execute(() -> carryOut(ctx, decided.enforcement(), message, text));
              });
    } catch (RejectedExecutionException e) {
      refuse(ctx, "agent overloaded");
    }
  }

  private void carryOut(
      ChannelHandlerContext ctx, Enforcement enforcement, byte[] message, boolean text) {
    if (!ctx.channel().isActive()) {
      return;
    }
    if (enforcement instanceof Enforcement.Forward forward) {
      byte[] out = forward.replacementBody() != null ? forward.replacementBody() : message;
      WebSocketFrame frame =
          text
              ? new TextWebSocketFrame(Unpooled.wrappedBuffer(out))
              : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(out));
      upstream.writeAndFlush(frame);
      ctx.channel().config().setAutoRead(true);
      return;
    }
    String reason =
        enforcement instanceof Enforcement.Answer answer
            ? "Blocked by Tether (decision " + answer.decisionId() + ")"
            : "Blocked by Tether";
    refuse(ctx, reason);
  }

  private void refuse(ChannelHandlerContext ctx, String reason) {
    LOG.log(
        System.Logger.Level.INFO, "websocket message to {0} refused; closing", target.serverName());
    upstream.close();
    String clipped = reason.length() > 120 ? reason.substring(0, 120) : reason;
    ctx.writeAndFlush(new CloseWebSocketFrame(1008, clipped))
        .addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    upstream.close();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(
        System.Logger.Level.DEBUG,
        "websocket to {0} failed: {1}",
        target.serverName(),
        cause.toString());
    ctx.close();
  }
}
