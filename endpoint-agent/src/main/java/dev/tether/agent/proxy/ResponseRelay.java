package dev.tether.agent.proxy;

import dev.tether.agent.enforce.ResponseRewriter;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Streams one upstream connection's responses to the client as they arrive, never aggregated: each
 * body chunk (SSE event, chunked piece) is written and flushed on its own. With a rewriter other
 * than {@link ResponseRewriter#IDENTITY}, every chunk passes through it and the response is
 * re-framed as chunked (its length is no longer known); a compressed response, or a rewriter that
 * throws, cuts the client connection: a rewritten response is never passed on unrewritten.
 */
final class ResponseRelay extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(ResponseRelay.class.getName());

  private final InterceptHandler front;
  private final String serverName;
  private ResponseRewriter rewriter = ResponseRewriter.IDENTITY;
  private boolean awaiting;
  private boolean clientWantsClose;
  private boolean closeUpstreamAfter;
  private boolean closeFrontAfter;
  private boolean websocket;
  private boolean upgraded;

  ResponseRelay(InterceptHandler front, String serverName) {
    this.front = front;
    this.serverName = serverName;
  }

  /** The next response on this connection answers a request forwarded with {@code rewriter}. */
  void expect(ResponseRewriter rewriter, boolean clientWantsClose, boolean websocket) {
    this.rewriter = rewriter;
    this.clientWantsClose = clientWantsClose;
    this.websocket = websocket;
    this.upgraded = false;
    this.awaiting = true;
  }

  /** The request could not be sent: nothing is awaited. */
  void cancel() {
    awaiting = false;
  }

  private static boolean closeDelimited(HttpResponse response) {
    int code = response.status().code();
    boolean bodyless = code / 100 == 1 || code == 204 || code == 304;
    return !bodyless
        && !HttpUtil.isContentLengthSet(response)
        && !HttpUtil.isTransferEncodingChunked(response);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!awaiting || !(msg instanceof HttpObject object)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (websocket && object instanceof HttpResponse response && response.status().code() == 101) {
      if (response.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)) {
        ReferenceCountUtil.release(msg); // an extension we never offered: cannot inspect
        awaiting = false;
        ctx.close();
        front.abort();
        return;
      }
      upgraded = true;
      front.relay(response, false, false);
      return;
    }
    if (upgraded) {
      ReferenceCountUtil.release(msg); // the empty end of the 101
      awaiting = false;
      front.switchToWebSocket(ctx.channel());
      return;
    }
    HttpObject out;
    try {
      out = rewriter == ResponseRewriter.IDENTITY ? object : rewrite(object);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "response rewriter failed for {0}; cutting the response: {1}",
          serverName,
          e.getClass().getName());
      awaiting = false;
      ctx.close();
      front.abort();
      return;
    }
    if (object instanceof HttpResponse response) {
      closeUpstreamAfter = clientWantsClose || !HttpUtil.isKeepAlive(response);
      // A close-delimited body (no length, not chunked) can only end for the client by closing.
      closeFrontAfter =
          clientWantsClose || (rewriter == ResponseRewriter.IDENTITY && closeDelimited(response));
    }
    boolean last = object instanceof LastHttpContent;
    if (last) {
      awaiting = false;
      if (closeUpstreamAfter) {
        ctx.close();
      }
    }
    front.relay(out, last, closeFrontAfter);
  }

  /** Rewrites one response object (takes ownership of it). */
  private HttpObject rewrite(HttpObject object) {
    if (object instanceof HttpResponse response) {
      String coding = response.headers().get(HttpHeaderNames.CONTENT_ENCODING);
      if (coding != null && !coding.equalsIgnoreCase("identity")) {
        ReferenceCountUtil.release(object);
        throw new IllegalStateException("compressed response cannot be rewritten: " + coding);
      }
      response.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
      response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      if (!(object instanceof HttpContent)) {
        return response;
      }
    }
    HttpContent content = (HttpContent) object;
    byte[] bytes;
    try {
      bytes = rewriter.rewrite(ByteBufUtil.getBytes(content.content()));
      if (content instanceof LastHttpContent last) {
        byte[] tail = rewriter.finish();
        DefaultLastHttpContent rewritten =
            new DefaultLastHttpContent(Unpooled.wrappedBuffer(bytes, tail));
        rewritten.trailingHeaders().set(last.trailingHeaders());
        return rewritten;
      }
      return new DefaultHttpContent(Unpooled.wrappedBuffer(bytes));
    } finally {
      content.release();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (awaiting) {
      awaiting = false;
      front.abort();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(System.Logger.Level.INFO, "upstream {0} failed: {1}", serverName, cause.toString());
    ctx.close();
  }
}
