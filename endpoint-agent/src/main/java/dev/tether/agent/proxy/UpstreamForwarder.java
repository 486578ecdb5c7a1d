package dev.tether.agent.proxy;

import dev.tether.agent.pipeline.InspectedRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.security.cert.CertificateException;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The upstream side of one intercepted client connection: a TLS connection to the real server,
 * verified normally (trust store plus host name), reused across keep-alive requests. A certificate
 * failure answers 502 in the provider's format, is audited, and nothing is sent.
 */
final class UpstreamForwarder {
  private static final System.Logger LOG = System.getLogger(UpstreamForwarder.class.getName());
  private static final List<String> HOP_BY_HOP =
      List.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authorization",
          "proxy-authenticate",
          "te",
          "trailer",
          "upgrade",
          "transfer-encoding");

  private final ProxyContext context;
  private final HostAndPort target;
  private final InterceptHandler front;
  private Channel channel;
  private boolean responseStarted;
  private boolean awaitingResponse;
  private boolean clientWantsClose;

  UpstreamForwarder(ProxyContext context, HostAndPort target, InterceptHandler front) {
    this.context = context;
    this.target = target;
    this.front = front;
  }

  /** Forwards an allowed request (takes ownership of {@code body}). */
  void forward(HttpRequest request, ByteBuf body, InspectedRequest inspected, long policyVersion) {
    FullHttpRequest outgoing = outgoing(request, body);
    clientWantsClose = !HttpUtil.isKeepAlive(request);
    if (channel != null && channel.isActive()) {
      send(outgoing);
      return;
    }
    ChannelHandlerContext ctx = front.context();
    SslHandler[] ssl = new SslHandler[1];
    new Bootstrap()
        .group(ctx.channel().eventLoop())
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ssl[0] = context.upstreamTls().newHandler(ch.alloc(), target.host(), target.port());
                ch.pipeline().addLast("tls", ssl[0]);
                ch.pipeline().addLast("codec", new HttpClientCodec(8192, 32 * 1024, 64 * 1024));
                ch.pipeline().addLast("relay", new ResponseRelay());
              }
            })
        .connect(target.host(), target.port())
        .addListener(
            (ChannelFutureListener)
                connected -> {
                  if (!connected.isSuccess()) {
                    fail(request, outgoing, inspected, policyVersion, connected.cause());
                    return;
                  }
                  ssl[0]
                      .handshakeFuture()
                      .addListener(
                          handshake -> {
                            if (!handshake.isSuccess()) {
                              connected.channel().close();
                              fail(request, outgoing, inspected, policyVersion, handshake.cause());
                              return;
                            }
                            channel = connected.channel();
                            send(outgoing);
                          });
                });
  }

  private void send(FullHttpRequest outgoing) {
    responseStarted = false;
    awaitingResponse = true;
    channel
        .writeAndFlush(outgoing)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (!f.isSuccess()) {
                    awaitingResponse = false;
                    front.abort();
                  }
                });
  }

  private static FullHttpRequest outgoing(HttpRequest request, ByteBuf body) {
    HttpHeaders headers = request.headers().copy();
    String connection = headers.get(HttpHeaderNames.CONNECTION);
    if (connection != null) {
      for (String token : connection.split(",")) {
        headers.remove(token.trim());
      }
    }
    HOP_BY_HOP.forEach(headers::remove);
    headers.set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    if (body.readableBytes() == 0
        && !request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)
        && !HttpUtil.isTransferEncodingChunked(request)) {
      headers.remove(HttpHeaderNames.CONTENT_LENGTH);
    }
    return new DefaultFullHttpRequest(
        HttpVersion.HTTP_1_1,
        request.method(),
        request.uri(),
        body,
        headers,
        io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
  }

  private void fail(
      HttpRequest request,
      FullHttpRequest outgoing,
      InspectedRequest inspected,
      long policyVersion,
      Throwable cause) {
    outgoing.release();
    boolean certificate = isCertificateFailure(cause);
    String reason =
        certificate
            ? "upstream " + target.host() + " failed TLS verification; request not sent"
            : "upstream " + target.host() + " unreachable; request not sent";
    LOG.log(
        System.Logger.Level.INFO,
        "decision={0} policyVersion={1} {2}: {3}",
        inspected.decisionId(),
        policyVersion,
        reason,
        cause.toString());
    context
        .decisionExecutor()
        .execute(
            () -> {
              context.decisions().auditAgentEvent(inspected, policyVersion, reason);
              front
                  .context()
                  .executor()
                  .execute(
                      () ->
                          front.respond(
                              request,
                              Responses.providerError(
                                  front.provider(),
                                  HttpResponseStatus.BAD_GATEWAY,
                                  certificate
                                      ? "upstream_certificate_invalid"
                                      : "upstream_unreachable",
                                  "Tether: " + reason,
                                  inspected.decisionId())));
            });
  }

  private static boolean isCertificateFailure(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException || t instanceof CertificateException) {
        return true;
      }
    }
    return false;
  }

  void pauseReading() {
    if (channel != null) {
      channel.config().setAutoRead(false);
    }
  }

  void resumeReading() {
    if (channel != null) {
      channel.config().setAutoRead(true);
    }
  }

  void close() {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  /** Streams response objects to the client as they arrive (no aggregation). */
  private final class ResponseRelay extends ChannelInboundHandlerAdapter {
    private boolean closeAfter;
    private boolean frontClose;

    private boolean closeDelimited(HttpResponse response) {
      int code = response.status().code();
      boolean bodyless = code / 100 == 1 || code == 204 || code == 304;
      return !bodyless
          && !HttpUtil.isContentLengthSet(response)
          && !HttpUtil.isTransferEncodingChunked(response);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!awaitingResponse || !(msg instanceof HttpObject object)) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (object instanceof HttpResponse response) {
        responseStarted = true;
        closeAfter = clientWantsClose || !HttpUtil.isKeepAlive(response);
        // A close-delimited body (no length, not chunked) can only end for the client by closing.
        frontClose = clientWantsClose || closeDelimited(response);
      }
      boolean last = object instanceof LastHttpContent;
      if (last) {
        awaitingResponse = false;
        if (closeAfter) {
          ctx.close();
          channel = null;
        }
      }
      if (object instanceof HttpResponse || object instanceof HttpContent) {
        front.relay(object, last, frontClose);
      } else {
        ReferenceCountUtil.release(object);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (ctx.channel() == channel) {
        channel = null;
      }
      if (awaitingResponse) {
        awaitingResponse = false;
        front.abort();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.log(
          System.Logger.Level.INFO, "upstream {0} failed: {1}", target.host(), cause.toString());
      ctx.close();
    }
  }
}
