package dev.tether.agent.proxy;

import dev.tether.agent.enforce.Enforcement;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.policy.Provider;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs inside an intercepted connection (an HTTP/1.1 connection or one HTTP/2 stream): aggregates
 * each request (bounded by the policy's inspection limit), has it decided off the event loop by
 * {@link RequestDecider}, then carries out the {@link Enforcement} exactly: an {@link
 * Enforcement.Answer} is written as given and nothing is sent upstream; a {@link
 * Enforcement.Forward} sends the original body or its replacement (with a corrected length) through
 * {@link UpstreamForwarder}, whose response streams back through the forward's rewriter. One
 * request at a time per connection (keep-alive); pipelined requests wait in a bounded queue.
 */
final class InterceptHandler extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(InterceptHandler.class.getName());
  private static final int MAX_QUEUED = 256;

  private final ProxyContext context;
  private final InterceptTarget target;
  private final Deque<Object> queued = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private UpstreamForwarder upstream;
  private HttpRequest current;
  private CompositeByteBuf body;
  private int bodyBytes;
  private int maxBody;
  private boolean tooLarge;
  private boolean inFlight;
  private String upgradePath;
  private boolean trailersAccepted;

  InterceptHandler(ProxyContext context, InterceptTarget target) {
    this.context = context;
    this.target = target;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.upstream = new UpstreamForwarder(context, target, this);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (inFlight) {
      if (queued.size() >= MAX_QUEUED) {
        ReferenceCountUtil.release(msg);
        LOG.log(
            System.Logger.Level.INFO,
            "too many pipelined requests to {0}; closing",
            target.serverName());
        ctx.close();
        return;
      }
      queued.add(msg);
      return;
    }
    try {
      if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
        reset();
        ctx.writeAndFlush(
                Responses.text(
                    HttpResponseStatus.BAD_REQUEST,
                    "tether-agent: malformed request: "
                        + object.decoderResult().cause().getMessage()))
            .addListener(ChannelFutureListener.CLOSE);
        return;
      }
      if (msg instanceof HttpRequest request) {
        start(request);
      }
      if (msg instanceof HttpContent content && current != null) {
        append(content);
        if (content instanceof LastHttpContent) {
          complete();
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void start(HttpRequest request) {
    reset();
    current = request;
    maxBody = context.effectiveMaxBodyBytes();
    upgradePath = WebSockets.isUpgrade(request) ? request.uri() : null;
    body = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
    if (HttpUtil.getContentLength(request, -1L) > maxBody) {
      tooLarge = true;
    }
    if (HttpUtil.is100ContinueExpected(request)) {
      // Answered here; the upstream gets the whole body at once.
      request.headers().remove(HttpHeaderNames.EXPECT);
      if (!tooLarge) {
        ctx.writeAndFlush(
            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
      }
    }
  }

  private void append(HttpContent content) {
    int readable = content.content().readableBytes();
    if (tooLarge || readable == 0) {
      return;
    }
    if ((long) bodyBytes + readable > maxBody) {
      tooLarge = true;
      body.release();
      body = ctx.alloc().compositeBuffer(1);
      return;
    }
    body.addComponent(true, content.content().retain());
    bodyBytes += readable;
  }

  private void complete() {
    inFlight = true;
    ctx.channel().config().setAutoRead(false);
    HttpRequest request = current;
    CompositeByteBuf forwardBody = body;
    boolean overLimit = tooLarge;
    trailersAccepted = OutgoingRequests.acceptsTrailers(request.headers());
    current = null;
    body = null;
    byte[] raw = overLimit ? new byte[0] : ByteBufUtil.getBytes(forwardBody);
    String decisionId = AuditEvent.newId();
    var app = AppAttribution.of(ctx.channel());
    try {
      context
          .decisionExecutor()
          .execute(
              () -> {
                RequestDecider.Decided decided =
                    RequestDecider.decide(
                        context, target, request, raw, overLimit, decisionId, app);
                ctx.executor().execute(() -> carryOut(request, forwardBody, decided));
              });
    } catch (RejectedExecutionException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "decision={0} blocked: agent overloaded (not audited)",
          decisionId);
      forwardBody.release();
      InspectedRequest bare =
          new InspectedRequest(
              decisionId,
              target.serverName(),
              target.provider(),
              request.method().name(),
              request.uri(),
              null,
              null,
              false);
      respond(request, Responses.answer(context.enforcer().overloaded(bare)));
    }
  }

  /** Carries out the enforcement on the event loop. */
  private void carryOut(
      HttpRequest request, CompositeByteBuf forwardBody, RequestDecider.Decided decided) {
    if (!ctx.channel().isActive()) {
      forwardBody.release();
      return;
    }
    Enforcement enforcement = decided.enforcement();
    if (enforcement instanceof Enforcement.Answer answer) {
      forwardBody.release();
      respond(request, Responses.answer(answer));
    } else if (enforcement instanceof Enforcement.Forward forward) {
      ByteBuf outgoing = forwardBody;
      if (forward.replacementBody() != null) {
        forwardBody.release();
        outgoing = Unpooled.wrappedBuffer(forward.replacementBody());
      }
      try {
        upstream.forward(request, outgoing, decided.request(), forward.responseRewriter());
      } catch (RuntimeException e) {
        // Nothing half-sent is left behind: the client connection (or stream) is cut.
        LOG.log(
            System.Logger.Level.ERROR,
            "decision={0} forwarding to {1} failed; connection closed: {2}",
            decided.request().decisionId(),
            target.serverName(),
            e.toString());
        ctx.close();
      }
    } else {
      forwardBody.release();
      ctx.close(); // unreachable with a sealed type; never forward by default
    }
  }

  /** Writes a response the agent generated, then continues with the next request. */
  void respond(HttpRequest request, FullHttpResponse response) {
    if (!ctx.executor().inEventLoop()) {
      ctx.executor().execute(() -> respond(request, response));
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, "close");
    }
    ctx.writeAndFlush(response)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (!keepAlive || !f.isSuccess()) {
                    ctx.close();
                  } else {
                    requestDone();
                  }
                });
  }

  /** Relays one response object from upstream; flushes each piece so streams (SSE) stream. */
  void relay(HttpObject object, boolean last, boolean closeAfter) {
    if (!ctx.executor().inEventLoop()) {
      // A pooled HTTP/2 upstream runs on another event loop; order is kept by the task queue.
      ctx.executor().execute(() -> relay(object, last, closeAfter));
      return;
    }
    if (!ctx.channel().isActive()) {
      ReferenceCountUtil.release(object);
      return;
    }
    if (object instanceof LastHttpContent content
        && !content.trailingHeaders().isEmpty()
        && isHttp1()
        && !trailersAccepted) {
      // RFC 9110 §6.5.1: an HTTP/1.1 client that did not send "TE: trailers" gets none.
      content.trailingHeaders().clear();
    }
    var future = ctx.writeAndFlush(object);
    if (!ctx.channel().isWritable()) {
      upstream.pauseReading();
    }
    if (last) {
      future.addListener(
          (ChannelFutureListener)
              f -> {
                if (closeAfter || !f.isSuccess()) {
                  ctx.close();
                } else {
                  requestDone();
                }
              });
    }
  }

  /** The upstream accepted a WebSocket upgrade (its 101 is already relayed). */
  void switchToWebSocket(io.netty.channel.Channel upstreamChannel) {
    if (!queued.isEmpty() || upgradePath == null || ctx.pipeline().get("decoder") == null) {
      upstreamChannel.close(); // data before the 101, or not an HTTP/1.1 connection
      ctx.close();
      return;
    }
    ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);
    ctx.flush();
    WebSocketInspector.install(
        context, target, upgradePath, ctx.pipeline(), upstreamChannel, maxBody);
  }

  /** The upstream broke mid-response, or a rewriter failed: the client cannot get an answer. */
  void abort() {
    if (!ctx.executor().inEventLoop()) {
      ctx.executor().execute(this::abort);
      return;
    }
    ctx.close();
  }

  /** True for an HTTP/1.1 client connection, false for an HTTP/2 stream. */
  boolean isHttp1() {
    return ctx.pipeline().get("decoder") != null;
  }

  Provider provider() {
    return target.provider();
  }

  ChannelHandlerContext context() {
    return ctx;
  }

  private void requestDone() {
    inFlight = false;
    tooLarge = false;
    while (!inFlight && !queued.isEmpty()) {
      channelRead(ctx, queued.poll());
    }
    if (!inFlight) {
      ctx.channel().config().setAutoRead(true);
      ctx.read();
    }
  }

  private void reset() {
    if (body != null) {
      body.release();
      body = null;
    }
    current = null;
    bodyBytes = 0;
    tooLarge = false;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      upstream.resumeReading();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    reset();
    queued.forEach(ReferenceCountUtil::safeRelease);
    queued.clear();
    upstream.close();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(
        cause instanceof IOException || cause.getCause() instanceof IOException
            ? System.Logger.Level.DEBUG
            : System.Logger.Level.INFO,
        "intercepted connection to {0} failed: {1}",
        target.serverName(),
        cause.toString());
    ctx.close();
  }
}
