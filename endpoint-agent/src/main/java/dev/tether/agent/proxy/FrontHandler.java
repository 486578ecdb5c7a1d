package dev.tether.agent.proxy;

import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.policy.AiDestination;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first handler on a client connection. Reads one request: {@code CONNECT host:port} is scoped
 * before any decryption (AI destination: intercept; anything else: blind tunnel); a plain-HTTP
 * absolute-form request to an AI host is blocked (403), to any other host refused (501: this proxy
 * relays HTTPS only).
 */
final class FrontHandler extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(FrontHandler.class.getName());
  private static final byte[] ESTABLISHED =
      "HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ProxyContext context;
  private HostAndPort connectTarget;
  private boolean switching;
  private final List<ByteBuf> early = new ArrayList<>();

  FrontHandler(ProxyContext context) {
    this.context = context;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (switching) {
        if (msg instanceof ByteBuf buf) {
          early.add(buf.retain()); // client bytes sent ahead of our 200; replayed after the switch
        }
        return;
      }
      if (msg instanceof HttpRequest request) {
        onRequest(ctx, request);
      } else if (msg instanceof LastHttpContent && connectTarget != null) {
        startConnect(ctx, connectTarget);
      } else if (msg instanceof HttpContent) {
        // Body of a request already answered: discard.
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
    if (request.decoderResult().isFailure()) {
      reject(ctx, HttpResponseStatus.BAD_REQUEST, "tether-agent: malformed request");
      return;
    }
    if (HttpMethod.CONNECT.equals(request.method())) {
      try {
        connectTarget = HostAndPort.parse(request.uri(), -1);
        ctx.channel().config().setAutoRead(false);
        ctx.read(); // the (empty) LastHttpContent that ends the CONNECT request
      } catch (IllegalArgumentException e) {
        reject(
            ctx,
            HttpResponseStatus.BAD_REQUEST,
            "tether-agent: bad CONNECT target: " + e.getMessage());
      }
      return;
    }
    plainHttp(ctx, request);
  }

  private void plainHttp(ChannelHandlerContext ctx, HttpRequest request) {
    HostAndPort target;
    try {
      URI uri = new URI(request.uri());
      if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getRawAuthority() == null) {
        reject(
            ctx,
            HttpResponseStatus.BAD_REQUEST,
            "tether-agent: expected CONNECT or an absolute http:// URI");
        return;
      }
      target = HostAndPort.parse(uri.getRawAuthority(), 80);
    } catch (Exception e) {
      reject(ctx, HttpResponseStatus.BAD_REQUEST, "tether-agent: bad request target");
      return;
    }
    Optional<AiDestination> destination = context.scope().destination(target.host());
    if (destination.isEmpty()) {
      reject(
          ctx,
          HttpResponseStatus.NOT_IMPLEMENTED,
          "tether-agent: plain-HTTP proxying is not supported; only HTTPS (CONNECT) is relayed");
      return;
    }
    ctx.channel().config().setAutoRead(false);
    InspectedRequest inspected =
        new InspectedRequest(
            AuditEvent.newId(),
            target.host(),
            destination.get().provider(),
            request.method().name(),
            "/",
            null,
            new byte[0],
            false);
    try {
      context
          .decisionExecutor()
          .execute(
              () -> {
                var result =
                    context
                        .decisions()
                        .refuse(
                            inspected,
                            "plain_http_refused",
                            "plain HTTP to an AI destination is not allowed (use HTTPS)");
                ctx.executor()
                    .execute(
                        () ->
                            ctx.writeAndFlush(
                                    Responses.providerError(
                                        destination.get().provider(),
                                        HttpResponseStatus.FORBIDDEN,
                                        "plain_http_refused",
                                        dev.tether.agent.enforce.BlockResponses.message(
                                            result.policyName(),
                                            result.policyVersion(),
                                            result.decision().reason()),
                                        inspected.decisionId()))
                                .addListener(ChannelFutureListener.CLOSE));
              });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      context.decisions().countOverloadRefusal();
      LOG.log(
          System.Logger.Level.ERROR,
          "decision={0} blocked: agent overloaded (not audited)",
          inspected.decisionId());
      reject(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "tether-agent: overloaded");
    }
  }

  private void startConnect(ChannelHandlerContext ctx, HostAndPort target) {
    switching = true;
    Optional<AiDestination> destination = context.scope().destination(target.host());
    if (destination.isPresent()) {
      intercept(ctx, target, destination.get());
    } else {
      tunnel(ctx, target);
    }
  }

  private void intercept(ChannelHandlerContext ctx, HostAndPort target, AiDestination destination) {
    ChannelPipeline pipeline = ctx.pipeline();
    try {
      var sslContext = context.minter().serverContext(target.host());
      pipeline.remove(StrictRequestDecoder.class);
      pipeline.remove(HttpResponseEncoder.class);
      ctx.writeAndFlush(Unpooled.wrappedBuffer(ESTABLISHED));
      pipeline.addAfter(ctx.name(), "tls", sslContext.newHandler(ctx.alloc()));
      pipeline.addAfter("tls", "decoder", new StrictRequestDecoder());
      pipeline.addAfter("decoder", "encoder", new HttpResponseEncoder());
      pipeline.addAfter(
          "encoder", "intercept", new InterceptHandler(context, target, destination.provider()));
      pipeline.remove(this);
      replayEarly(pipeline);
      ctx.channel().config().setAutoRead(true);
    } catch (Exception e) {
      LOG.log(System.Logger.Level.ERROR, "cannot intercept {0}: {1}", target.host(), e.toString());
      ctx.close();
    }
  }

  private void tunnel(ChannelHandlerContext ctx, HostAndPort target) {
    Channel front = ctx.channel();
    new Bootstrap()
        .group(front.eventLoop())
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000)
        .option(ChannelOption.AUTO_READ, false)
        .handler(new TunnelRelay(front))
        .connect(target.host(), target.port())
        .addListener(
            (ChannelFutureListener)
                future -> {
                  if (!future.isSuccess()) {
                    LOG.log(
                        System.Logger.Level.INFO,
                        "tunnel to {0}:{1} failed: {2}",
                        target.host(),
                        target.port(),
                        future.cause().toString());
                    switching = false;
                    reject(
                        ctx,
                        HttpResponseStatus.BAD_GATEWAY,
                        "tether-agent: cannot reach " + target.host());
                    return;
                  }
                  Channel upstream = future.channel();
                  ChannelPipeline pipeline = ctx.pipeline();
                  pipeline.remove(StrictRequestDecoder.class);
                  pipeline.remove(HttpResponseEncoder.class);
                  ctx.writeAndFlush(Unpooled.wrappedBuffer(ESTABLISHED));
                  pipeline.addAfter(ctx.name(), "relay", new TunnelRelay(upstream));
                  pipeline.remove(this);
                  replayEarly(pipeline);
                  upstream.config().setAutoRead(true);
                  front.config().setAutoRead(true);
                });
  }

  private void replayEarly(ChannelPipeline pipeline) {
    for (ByteBuf buf : early) {
      pipeline.fireChannelRead(buf);
    }
    early.clear();
  }

  private static void reject(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
    ctx.writeAndFlush(Responses.text(status, message)).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    early.forEach(ReferenceCountUtil::safeRelease);
    early.clear();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(
        cause instanceof IOException ? System.Logger.Level.DEBUG : System.Logger.Level.ERROR,
        "client connection failed: {0}",
        cause.toString());
    ctx.close();
  }
}
