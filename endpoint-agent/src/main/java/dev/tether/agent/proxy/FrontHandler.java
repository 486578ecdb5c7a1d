package dev.tether.agent.proxy;

import dev.tether.agent.enforce.Enforcement;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.policy.AiDestination;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
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
 * The first handler on an explicit-proxy client connection. Reads one request: {@code CONNECT
 * host:port} is answered and handed to {@link ClientHelloScope}, which scopes it before any
 * decryption; a plain-HTTP absolute-form request to an AI host is refused (403, audited), to any
 * other host refused (501: this proxy relays HTTPS only).
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
                Enforcement.Answer answer =
                    context
                        .enforcer()
                        .refuse(
                            inspected,
                            "plain_http_refused",
                            "plain HTTP to an AI destination is not allowed (use HTTPS)");
                ctx.executor()
                    .execute(
                        () -> {
                          var response = Responses.answer(answer);
                          response.headers().set(HttpHeaderNames.CONNECTION, "close");
                          ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                        });
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

  /**
   * Answers the CONNECT and hands the tunnel to {@link ClientHelloScope}, which decides from the
   * ClientHello (and this CONNECT target) whether to intercept or tunnel.
   */
  private void startConnect(ChannelHandlerContext ctx, HostAndPort target) {
    switching = true;
    ChannelPipeline pipeline = ctx.pipeline();
    pipeline.remove(StrictRequestDecoder.class);
    pipeline.remove(HttpResponseEncoder.class);
    ctx.writeAndFlush(Unpooled.wrappedBuffer(ESTABLISHED));
    String name = ClientHelloScope.isIpLiteral(target.host()) ? null : target.host();
    pipeline.addAfter(ctx.name(), "scope", new ClientHelloScope(context, target, name));
    List<ByteBuf> pending = new ArrayList<>(early);
    early.clear(); // handed over, not released by handlerRemoved
    pipeline.remove(this);
    pending.forEach(pipeline::fireChannelRead);
    ctx.channel().config().setAutoRead(true);
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
