package dev.tether.agent.proxy;

import dev.tether.agent.enforce.BlockResponses;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.pipeline.PipelineResult;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.Provider;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
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
 * Runs inside an intercepted TLS tunnel: aggregates each HTTP/1.1 request (bounded), has it decided
 * off the event loop, then either answers with a provider-shaped block or forwards it through
 * {@link UpstreamForwarder} and streams the response back. One request at a time per connection
 * (keep-alive); pipelined requests wait in a bounded queue.
 */
final class InterceptHandler extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(InterceptHandler.class.getName());
  private static final int MAX_QUEUED = 256;

  private final ProxyContext context;
  private final HostAndPort target;
  private final Provider provider;
  private final Deque<Object> queued = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private UpstreamForwarder upstream;
  private HttpRequest current;
  private CompositeByteBuf body;
  private int bodyBytes;
  private boolean tooLarge;
  private boolean inFlight;

  InterceptHandler(ProxyContext context, HostAndPort target, Provider provider) {
    this.context = context;
    this.target = target;
    this.provider = provider;
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
            System.Logger.Level.INFO, "too many pipelined requests to {0}; closing", target.host());
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
    body = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
    if (HttpUtil.getContentLength(request, -1L) > context.maxBodyBytes()) {
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
    if ((long) bodyBytes + readable > context.maxBodyBytes()) {
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
    current = null;
    body = null;
    InspectedRequest inspected =
        new InspectedRequest(
            AuditEvent.newId(),
            target.host(),
            provider,
            request.method().name(),
            request.uri(),
            request.headers().get(HttpHeaderNames.CONTENT_ENCODING),
            tooLarge ? new byte[0] : ByteBufUtil.getBytes(forwardBody),
            tooLarge);
    try {
      context
          .decisionExecutor()
          .execute(
              () -> {
                PipelineResult result = context.decisions().decide(inspected);
                ctx.executor().execute(() -> onDecision(request, forwardBody, inspected, result));
              });
    } catch (RejectedExecutionException e) {
      context.decisions().countOverloadRefusal();
      LOG.log(
          System.Logger.Level.ERROR,
          "decision={0} blocked: agent overloaded (not audited)",
          inspected.decisionId());
      forwardBody.release();
      respond(
          request,
          Responses.providerError(
              provider,
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "agent_overloaded",
              "Blocked by Tether: agent overloaded, try again",
              inspected.decisionId()));
    }
  }

  private void onDecision(
      HttpRequest request,
      CompositeByteBuf forwardBody,
      InspectedRequest inspected,
      PipelineResult result) {
    if (!ctx.channel().isActive()) {
      forwardBody.release();
      return;
    }
    Decision decision = result.decision();
    if (decision instanceof Decision.Block block) {
      forwardBody.release();
      HttpResponseStatus status =
          block.code().equals("body_too_large")
              ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
              : HttpResponseStatus.FORBIDDEN;
      String message =
          BlockResponses.message(result.policyName(), result.policyVersion(), block.reason());
      respond(
          request,
          Responses.providerError(provider, status, block.code(), message, inspected.decisionId()));
    } else if (decision instanceof Decision.Allow) {
      upstream.forward(request, forwardBody, inspected, result.policyVersion());
    }
  }

  /** Writes a response the agent generated, then continues with the next request. */
  void respond(HttpRequest request, FullHttpResponse response) {
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
    if (!ctx.channel().isActive()) {
      ReferenceCountUtil.release(object);
      return;
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

  /** The upstream broke mid-response: the client cannot get a complete answer. */
  void abort() {
    ctx.close();
  }

  Provider provider() {
    return provider;
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
        target.host(),
        cause.toString());
    ctx.close();
  }
}
