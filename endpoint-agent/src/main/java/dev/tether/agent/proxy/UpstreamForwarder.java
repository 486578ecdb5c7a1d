package dev.tether.agent.proxy;

import dev.tether.agent.enforce.ResponseRewriter;
import dev.tether.agent.pipeline.InspectedRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * The upstream side of one intercepted client connection (or HTTP/2 stream). TLS is always verified
 * normally (system trust store plus enterprise CAs, host name = the client's server name).
 *
 * <p>TLS requests are offered to the upstream with ALPN {@code h2} and {@code http/1.1}. When the
 * upstream picks {@code h2} the request becomes a stream on the shared {@link UpstreamH2Pool} (see
 * {@link H2Exchange}); when it picks HTTP/1.1 (or has no ALPN), this client gets its own HTTP/1.1
 * connection reused across keep-alive requests, as before. WebSocket upgrades and plaintext always
 * use HTTP/1.1. Forwarded bodies carry a {@code Content-Length} computed from the bytes actually
 * sent (so a replacement body is framed correctly). A certificate failure answers 502 in the
 * provider's format, is audited, and nothing is sent.
 */
final class UpstreamForwarder {
  private static final System.Logger LOG = System.getLogger(UpstreamForwarder.class.getName());

  private final ProxyContext context;
  private final InterceptTarget target;
  private final InterceptHandler front;
  private final UpstreamConnector connector;
  private Channel channel;
  private ResponseRelay relay;
  private volatile Channel stream;
  private HttpRequest request;
  private InspectedRequest inspected;

  UpstreamForwarder(ProxyContext context, InterceptTarget target, InterceptHandler front) {
    this.context = context;
    this.target = target;
    this.front = front;
    this.connector = new UpstreamConnector(context, target);
  }

  /** Forwards an allowed request (takes ownership of {@code body}). */
  void forward(
      HttpRequest request, ByteBuf body, InspectedRequest inspected, ResponseRewriter rewriter) {
    this.request = request;
    this.inspected = inspected;
    boolean websocket = WebSockets.isUpgrade(request);
    boolean identity = rewriter != ResponseRewriter.IDENTITY;
    boolean clientWantsClose = !HttpUtil.isKeepAlive(request);
    if (websocket || !target.tls() || (channel != null && channel.isActive())) {
      sendHttp1(OutgoingRequests.http1(request, body, identity, websocket), rewriter, false);
      return;
    }
    FullHttpRequest outgoing =
        OutgoingRequests.h2(request, body, identity, OutgoingRequests.defaultAuthority(target));
    dispatch(new H2Exchange(this, front, outgoing, rewriter, clientWantsClose));
  }

  /** Asks the pool how to send {@code exchange} (also its retries). */
  void dispatch(H2Exchange exchange) {
    SslContext alpn;
    try {
      alpn = context.upstreamTls().alpnContext(context.scope().settings());
    } catch (GeneralSecurityException | RuntimeException e) {
      exchange.release();
      fail(e);
      return;
    }
    var key =
        new UpstreamH2Pool.Key(
            target.upstream().host(), target.upstream().port(), target.serverName(), alpn);
    Channel client = front.context().channel();
    context
        .h2Pool()
        .acquire(
            key,
            new UpstreamH2Pool.Waiter() {
              @Override
              public void granted(UpstreamH2Pool.Grant grant) {
                if (client.eventLoop().inEventLoop()) {
                  carryOut(key, exchange, grant); // no task hop when already on the client's loop
                } else {
                  client.eventLoop().execute(() -> carryOut(key, exchange, grant));
                }
              }

              @Override
              public boolean abandoned() {
                return !client.isActive();
              }
            });
  }

  private void carryOut(UpstreamH2Pool.Key key, H2Exchange exchange, UpstreamH2Pool.Grant grant) {
    if (!front.context().channel().isActive()) {
      if (grant instanceof UpstreamH2Pool.Grant.Stream slot) {
        slot.connection().release(null);
      } else if (grant instanceof UpstreamH2Pool.Grant.Connect) {
        context.h2Pool().connectFailed(key, new IllegalStateException("client left"));
      }
      exchange.release(); // the client left while waiting: nothing is sent
      return;
    }
    if (grant instanceof UpstreamH2Pool.Grant.Stream slot) {
      sendH2(exchange, slot.connection());
    } else if (grant instanceof UpstreamH2Pool.Grant.Http1) {
      sendHttp1(http1Of(exchange), exchange.rewriter(), false);
    } else if (grant instanceof UpstreamH2Pool.Grant.Connect) {
      connector.connect(
          key.trust(),
          front.context().channel(),
          (connected, protocol, cause) -> {
            if (cause != null) {
              context.h2Pool().connectFailed(key, cause);
              exchange.release();
              fail(cause);
            } else if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
              sendH2(exchange, context.h2Pool().h2Connected(key, connected));
            } else {
              context.h2Pool().http1Connected(key);
              adopt(connected);
              sendHttp1(http1Of(exchange), exchange.rewriter(), true);
            }
          });
    } else if (grant instanceof UpstreamH2Pool.Grant.Failed failed) {
      exchange.release();
      fail(failed.cause());
    }
  }

  private FullHttpRequest http1Of(H2Exchange exchange) {
    FullHttpRequest http1 = OutgoingRequests.http1Of(exchange.outgoing());
    exchange.release();
    return http1;
  }

  private void sendH2(H2Exchange exchange, H2Connection connection) {
    if (!front.context().channel().isActive()) {
      connection.release(null);
      exchange.release();
      return;
    }
    try {
      OutgoingRequests.checkAuthority(exchange.outgoing().headers(), target);
    } catch (IllegalArgumentException e) {
      connection.release(null);
      exchange.release();
      refuse(
          HttpResponseStatus.MISDIRECTED_REQUEST,
          "misdirected_request",
          "request names a different host than the connection it was decided for ("
              + e.getMessage()
              + "); request not sent",
          e);
      return;
    }
    exchange.start(connection);
  }

  /** An HTTP/2 attempt's stream is open: backpressure goes to it. */
  void streaming(Channel h2Stream) {
    this.stream = h2Stream;
  }

  /** An HTTP/2 exchange ended before any response and may not (or no longer) be retried. */
  void streamFailed(H2Exchange exchange, boolean safe, Throwable cause) {
    exchange.release();
    String reason =
        safe
            ? "upstream "
                + target.serverName()
                + " refused the request "
                + exchange.attempts()
                + " times; not processed"
            : "upstream "
                + target.serverName()
                + " closed the stream before answering; the request may have been processed"
                + " and was not sent again";
    front
        .context()
        .executor()
        .execute(
            () ->
                refuse(
                    HttpResponseStatus.BAD_GATEWAY,
                    "upstream_stream_failed",
                    reason,
                    cause == null ? new IllegalStateException(reason) : cause));
  }

  private void adopt(Channel upstream) {
    channel = upstream;
    relay = new ResponseRelay(front, target.serverName());
    upstream.pipeline().addLast("codec", new HttpClientCodec(8192, 32 * 1024, 64 * 1024));
    upstream.pipeline().addLast("relay", relay);
    upstream.closeFuture().addListener(f -> forget(upstream));
  }

  /** Sends over this client's HTTP/1.1 connection, opening one (no ALPN) when needed. */
  private void sendHttp1(FullHttpRequest outgoing, ResponseRewriter rewriter, boolean adopted) {
    if (adopted || (channel != null && channel.isActive())) {
      send(outgoing, rewriter);
      return;
    }
    SslContext tls;
    try {
      tls = target.tls() ? context.upstreamTls().context(context.scope().settings()) : null;
    } catch (GeneralSecurityException | RuntimeException e) {
      outgoing.release();
      fail(e);
      return;
    }
    connector.connect(
        tls,
        front.context().channel(),
        (connected, protocol, cause) -> {
          if (cause != null) {
            outgoing.release();
            fail(cause);
            return;
          }
          adopt(connected);
          send(outgoing, rewriter);
        });
  }

  private void forget(Channel upstream) {
    if (channel == upstream) {
      channel = null;
    }
  }

  private void send(FullHttpRequest outgoing, ResponseRewriter rewriter) {
    relay.expect(rewriter, !HttpUtil.isKeepAlive(request), WebSockets.isUpgrade(outgoing));
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

  private void fail(Throwable cause) {
    boolean certificate = isCertificateFailure(cause);
    refuse(
        HttpResponseStatus.BAD_GATEWAY,
        certificate ? "upstream_certificate_invalid" : "upstream_unreachable",
        certificate
            ? "upstream " + target.serverName() + " failed TLS verification; request not sent"
            : "upstream " + target.serverName() + " unreachable; request not sent",
        cause);
  }

  /** Answers the client in the provider's format and audits why (nothing more is sent). */
  private void refuse(HttpResponseStatus status, String code, String reason, Throwable cause) {
    HttpRequest answered = request;
    InspectedRequest audited = inspected;
    LOG.log(
        System.Logger.Level.INFO,
        "decision={0} {1}: {2}",
        audited.decisionId(),
        reason,
        cause.toString());
    Runnable answer =
        () ->
            front.respond(
                answered,
                Responses.providerError(
                    front.provider(), status, code, "Tether: " + reason, audited.decisionId()));
    try {
      context
          .decisionExecutor()
          .execute(
              () -> {
                context.decisions().auditAgentEvent(audited, 0, reason);
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
    Channel target = stream != null && stream.isActive() ? stream : channel;
    if (target != null) {
      target.config().setAutoRead(false);
    }
  }

  void resumeReading() {
    Channel target = stream != null ? stream : channel;
    if (target != null) {
      target.config().setAutoRead(true);
    }
  }

  void close() {
    if (channel != null) {
      channel.close();
      channel = null;
    }
    Channel open = stream;
    if (open != null) {
      open.close(); // RST_STREAM CANCEL; the pooled connection stays
      stream = null;
    }
  }
}
