package dev.tether.agent.proxy;

import dev.tether.agent.enforce.ResponseRewriter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One allowed request sent as a stream on a pooled {@link H2Connection}, with its response relayed
 * through a {@link ResponseRelay} (chunk by chunk, trailers included).
 *
 * <p>Retry rule (RFC 9113 §8.1.4): an attempt that ends before any response byte is retried on
 * another connection only when the upstream provably did not process it: the stream was never
 * opened, it was refused ({@code RST_STREAM REFUSED_STREAM}), or a GOAWAY's last-stream-id is below
 * its id. Anything else (connection lost after the request was sent) answers the client with an
 * explicit 502 {@code upstream_stream_failed}: the request may have been processed and is not sent
 * twice. At most {@link #MAX_ATTEMPTS} attempts. Once the response has started, a failure cuts the
 * client's stream/connection (as the HTTP/1.1 path does), never a silent truncation that looks
 * complete.
 */
final class H2Exchange {
  private static final System.Logger LOG = System.getLogger(H2Exchange.class.getName());
  static final int MAX_ATTEMPTS = 3;

  private final UpstreamForwarder forwarder;
  private final InterceptHandler front;
  private final FullHttpRequest outgoing;
  private final ResponseRewriter rewriter;
  private final boolean clientWantsClose;
  private final AtomicBoolean released = new AtomicBoolean();
  private int attempts;

  /** Takes ownership of {@code outgoing} (released once the response starts or it fails). */
  H2Exchange(
      UpstreamForwarder forwarder,
      InterceptHandler front,
      FullHttpRequest outgoing,
      ResponseRewriter rewriter,
      boolean clientWantsClose) {
    this.forwarder = forwarder;
    this.front = front;
    this.outgoing = outgoing;
    this.rewriter = rewriter;
    this.clientWantsClose = clientWantsClose;
  }

  FullHttpRequest outgoing() {
    return outgoing;
  }

  ResponseRewriter rewriter() {
    return rewriter;
  }

  int attempts() {
    return attempts;
  }

  /** Sends the request on a slot already reserved on {@code connection}. */
  void start(H2Connection connection) {
    attempts++;
    new Attempt(connection).open();
  }

  /** The request is no longer needed (answered, sent over HTTP/1.1, or failed). */
  void release() {
    if (released.compareAndSet(false, true)) {
      outgoing.release();
    }
  }

  private void unanswered(boolean safe, Throwable cause) {
    if (!front.context().channel().isActive()) {
      release();
      return;
    }
    if (safe && attempts < MAX_ATTEMPTS) {
      LOG.log(
          System.Logger.Level.INFO,
          "upstream did not process the stream (attempt {0}); retrying on another connection",
          attempts);
      forwarder.dispatch(this);
      return;
    }
    forwarder.streamFailed(this, safe, cause);
  }

  private static boolean refused(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof Http2Exception e && e.error() == Http2Error.REFUSED_STREAM) {
        return true;
      }
    }
    return false;
  }

  /** One stream: sends the request, guards the time before the first response byte. */
  private final class Attempt extends ChannelInboundHandlerAdapter {
    private final H2Connection connection;
    private final ResponseRelay relay;
    private final AtomicBoolean slotFree = new AtomicBoolean();
    private Http2StreamChannel stream;
    private boolean started;
    private boolean unprocessed;
    private boolean ended;

    Attempt(H2Connection connection) {
      this.connection = connection;
      this.relay = new ResponseRelay(front, connection.key().serverName());
    }

    void open() {
      Attempt guard = this;
      new Http2StreamChannelBootstrap(connection.channel())
          .handler(
              new ChannelInitializer<Http2StreamChannel>() {
                @Override
                protected void initChannel(Http2StreamChannel ch) {
                  ch.pipeline()
                      .addLast("h2-to-http", new Http2StreamFrameToHttpObjectCodec(false, true))
                      .addLast("guard", guard)
                      .addLast("relay", relay);
                }
              })
          .open()
          .addListener(
              opened -> {
                if (!opened.isSuccess()) {
                  freeSlot(null);
                  end(true, opened.cause());
                  return;
                }
                send((Http2StreamChannel) opened.getNow());
              });
    }

    private void send(Http2StreamChannel ch) {
      stream = ch;
      Channel client = front.context().channel();
      connection.track(ch, client);
      ch.closeFuture().addListener(f -> freeSlot(ch));
      if (!client.isActive()) {
        ch.close();
        return;
      }
      forwarder.streaming(ch);
      relay.expect(rewriter, clientWantsClose, false);
      ch.writeAndFlush(outgoing.retainedDuplicate())
          .addListener(
              (ChannelFutureListener)
                  written -> {
                    if (!written.isSuccess()) {
                      boolean neverOpened = ch.stream().state() == Http2Stream.State.IDLE;
                      end(neverOpened || refused(written.cause()), written.cause());
                      ch.close();
                    }
                  });
    }

    private void freeSlot(Channel ch) {
      if (slotFree.compareAndSet(false, true)) {
        connection.release(ch);
      }
    }

    private void end(boolean safe, Throwable cause) {
      if (ended || started) {
        return;
      }
      ended = true;
      relay.cancel();
      unanswered(safe, cause);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Http2ResetFrame reset) {
        if (reset.errorCode() == Http2Error.REFUSED_STREAM.code()) {
          unprocessed = true;
        }
        ReferenceCountUtil.release(msg);
        return;
      }
      if (ended || !(msg instanceof HttpObject)) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (!started) {
        started = true;
        release(); // past the point of retrying: the body is no longer needed
      }
      if (msg instanceof HttpResponse response) {
        dropExtensions(response.headers());
        if (front.isHttp1()
            && response instanceof FullHttpResponse full
            && !HttpUtil.isContentLengthSet(full)) {
          // Headers-only h2 response: give the HTTP/1.1 client a length instead of a close.
          HttpUtil.setContentLength(full, full.content().readableBytes());
        }
      }
      if (msg instanceof LastHttpContent last) {
        dropExtensions(last.trailingHeaders());
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof Http2GoAwayFrame goAway) {
        if (stream != null && stream.stream().id() > goAway.lastStreamId()) {
          unprocessed = true;
        }
        ReferenceCountUtil.release(event);
        return;
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (!started) {
        int id = stream == null ? -1 : stream.stream().id();
        boolean aboveGoAway = id > 0 && id > connection.goAwayLastStreamId();
        end(unprocessed || aboveGoAway, null);
        return; // the relay must not abort the client: the request is retried or answered
      }
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.log(
          System.Logger.Level.INFO,
          "upstream stream to {0} failed: {1}",
          connection.key().serverName(),
          cause.toString());
      ctx.close();
    }
  }

  /** The HTTP/2 conversion's {@code x-http2-*} bookkeeping headers never reach the client. */
  private static void dropExtensions(HttpHeaders headers) {
    headers.names().stream()
        .filter(n -> n.regionMatches(true, 0, "x-http2-", 0, 8))
        .toList()
        .forEach(headers::remove);
    headers.remove(HttpHeaderNames.CONNECTION);
  }
}
