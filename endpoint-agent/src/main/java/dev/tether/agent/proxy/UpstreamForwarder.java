package dev.tether.agent.proxy;

import dev.tether.agent.enforce.ResponseRewriter;
import dev.tether.agent.pipeline.InspectedRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.CertificateException;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The upstream side of one intercepted client connection (or HTTP/2 stream): an HTTP/1.1 connection
 * to the real server, TLS verified normally (system trust store plus enterprise CAs, host name =
 * the client's server name), reused across keep-alive requests. Forwarded bodies carry a {@code
 * Content-Length} computed from the bytes actually sent (so a replacement body is framed
 * correctly). A certificate failure answers 502 in the provider's format, is audited, and nothing
 * is sent.
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
          "transfer-encoding",
          "expect");

  private final ProxyContext context;
  private final InterceptTarget target;
  private final InterceptHandler front;
  private Channel channel;
  private ResponseRelay relay;

  UpstreamForwarder(ProxyContext context, InterceptTarget target, InterceptHandler front) {
    this.context = context;
    this.target = target;
    this.front = front;
  }

  /** Forwards an allowed request (takes ownership of {@code body}). */
  void forward(
      HttpRequest request, ByteBuf body, InspectedRequest inspected, ResponseRewriter rewriter) {
    boolean websocket = WebSockets.isUpgrade(request);
    FullHttpRequest outgoing =
        outgoing(request, body, rewriter != ResponseRewriter.IDENTITY, websocket);
    boolean clientWantsClose = !HttpUtil.isKeepAlive(request);
    if (channel != null && channel.isActive()) {
      send(outgoing, rewriter, clientWantsClose);
      return;
    }
    SslHandler[] ssl = new SslHandler[1];
    ResponseRelay newRelay = new ResponseRelay(front, target.serverName());
    Channel frontChannel = front.context().channel();
    context
        .transport()
        .upstream(frontChannel)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000)
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) throws Exception {
                context.transport().prepareUpstream(ch);
                if (target.tls()) {
                  ssl[0] =
                      context
                          .upstreamTls()
                          .context(context.scope().settings())
                          .newHandler(ch.alloc(), target.serverName(), target.upstream().port());
                  ch.pipeline().addLast("tls", ssl[0]);
                }
                ch.pipeline().addLast("codec", new HttpClientCodec(8192, 32 * 1024, 64 * 1024));
                ch.pipeline().addLast("relay", newRelay);
              }
            })
        .connect(target.upstream().host(), target.upstream().port())
        .addListener(
            (ChannelFutureListener)
                connected -> {
                  if (!connected.isSuccess()) {
                    fail(request, outgoing, inspected, connected.cause());
                    return;
                  }
                  if (ssl[0] == null) {
                    adopt(connected.channel(), newRelay, outgoing, rewriter, clientWantsClose);
                    return;
                  }
                  ssl[0]
                      .handshakeFuture()
                      .addListener(
                          handshake -> {
                            if (!handshake.isSuccess()) {
                              connected.channel().close();
                              fail(request, outgoing, inspected, handshake.cause());
                              return;
                            }
                            adopt(
                                connected.channel(),
                                newRelay,
                                outgoing,
                                rewriter,
                                clientWantsClose);
                          });
                });
  }

  private void adopt(
      Channel upstream,
      ResponseRelay newRelay,
      FullHttpRequest outgoing,
      ResponseRewriter rewriter,
      boolean clientWantsClose) {
    channel = upstream;
    relay = newRelay;
    upstream.closeFuture().addListener(f -> forget(upstream));
    send(outgoing, rewriter, clientWantsClose);
  }

  private void forget(Channel upstream) {
    if (channel == upstream) {
      channel = null;
    }
  }

  private void send(FullHttpRequest outgoing, ResponseRewriter rewriter, boolean clientWantsClose) {
    relay.expect(rewriter, clientWantsClose, WebSockets.isUpgrade(outgoing));
    channel
        .writeAndFlush(outgoing)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (!f.isSuccess()) {
                    relay.cancel();
                    front.abort();
                  }
                });
  }

  static FullHttpRequest outgoing(
      HttpRequest request, ByteBuf body, boolean identityResponse, boolean websocket) {
    HttpHeaders headers = request.headers().copy();
    String connection = headers.get(HttpHeaderNames.CONNECTION);
    if (connection != null) {
      for (String token : connection.split(",")) {
        headers.remove(token.trim());
      }
    }
    HOP_BY_HOP.forEach(headers::remove);
    // HTTP/2 pseudo-header copies added by the h2 -> HTTP/1.1 conversion stay local.
    headers.names().stream()
        .filter(n -> n.regionMatches(true, 0, "x-http2-", 0, 8))
        .toList()
        .forEach(headers::remove);
    if (websocket) {
      // Upgrade kept end to end; no extensions, so frames stay readable for inspection.
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
      headers.set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
      headers.remove(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
    }
    if (identityResponse) {
      // The response is rewritten as it streams: ask for it uncompressed.
      headers.set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.IDENTITY);
    }
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
        EmptyHttpHeaders.INSTANCE);
  }

  private void fail(
      HttpRequest request, FullHttpRequest outgoing, InspectedRequest inspected, Throwable cause) {
    outgoing.release();
    boolean certificate = isCertificateFailure(cause);
    String reason =
        certificate
            ? "upstream " + target.serverName() + " failed TLS verification; request not sent"
            : "upstream " + target.serverName() + " unreachable; request not sent";
    LOG.log(
        System.Logger.Level.INFO,
        "decision={0} {1}: {2}",
        inspected.decisionId(),
        reason,
        cause.toString());
    Runnable answer =
        () ->
            front.respond(
                request,
                Responses.providerError(
                    front.provider(),
                    HttpResponseStatus.BAD_GATEWAY,
                    certificate ? "upstream_certificate_invalid" : "upstream_unreachable",
                    "Tether: " + reason,
                    inspected.decisionId()));
    try {
      context
          .decisionExecutor()
          .execute(
              () -> {
                context.decisions().auditAgentEvent(inspected, 0, reason);
                front.context().executor().execute(answer);
              });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      answer.run(); // not audited: the agent is overloaded (logged above)
    }
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
}
