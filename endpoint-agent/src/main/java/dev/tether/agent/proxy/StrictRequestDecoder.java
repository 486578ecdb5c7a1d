package dev.tether.agent.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * An HTTP/1.1 request decoder that rejects request-smuggling shapes instead of repairing them, so
 * the proxy and the upstream can never read different requests from the same bytes:
 *
 * <ul>
 *   <li>both {@code Content-Length} and {@code Transfer-Encoding} (Netty's default silently drops
 *       the length);
 *   <li>a {@code Transfer-Encoding} other than exactly {@code chunked} (a transfer coding such as
 *       {@code gzip, chunked} would hide the body from inspection), or repeated;
 *   <li>obsolete line folding (RFC 9112 5.2: a header line starting with a space or tab), which
 *       Netty would silently join to the previous header;
 *   <li>bare LF line endings (strict line parsing); invalid, negative, duplicate or conflicting
 *       {@code Content-Length} and invalid chunk sizes are already invalid in Netty's decoder.
 * </ul>
 *
 * An invalid request surfaces as a message whose decoder result is a failure; the handler answers
 * 400 and closes the connection. After one, the rest of the connection's input is discarded.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
  static final int MAX_INITIAL_LINE = 8 * 1024;
  static final int MAX_HEADER_SIZE = 32 * 1024;
  static final int MAX_CHUNK_SIZE = 64 * 1024;

  private boolean headerPending = true;
  private boolean midHeaders;
  private boolean failed;

  StrictRequestDecoder() {
    super(
        new HttpDecoderConfig()
            .setMaxInitialLineLength(MAX_INITIAL_LINE)
            .setMaxHeaderSize(MAX_HEADER_SIZE)
            .setMaxChunkSize(MAX_CHUNK_SIZE)
            .setStrictLineParsing(true));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
      throws Exception {
    if (failed) {
      buffer.skipBytes(buffer.readableBytes());
      return;
    }
    if (headerPending && foldedHeader(buffer)) {
      failed = true;
      buffer.skipBytes(buffer.readableBytes());
      out.add(invalid("obsolete header line folding"));
      return;
    }
    int before = out.size();
    super.decode(ctx, buffer, out);
    boolean message = false;
    for (int i = before; i < out.size(); i++) {
      Object object = out.get(i);
      if (object instanceof HttpMessage) {
        message = true;
        headerPending = false;
        midHeaders = false;
      }
      if (object instanceof LastHttpContent) {
        headerPending = true;
      }
    }
    if (headerPending && !message) {
      midHeaders = true; // Netty may have consumed complete lines of an unfinished head
    }
  }

  /** A continuation line in the (possibly unfinished) head at the reader index. */
  private boolean foldedHeader(ByteBuf buffer) {
    int start = buffer.readerIndex();
    int end = buffer.writerIndex();
    if (midHeaders && start < end && isBlank(buffer.getByte(start))) {
      return true;
    }
    while (start < end && (buffer.getByte(start) == '\r' || buffer.getByte(start) == '\n')) {
      start++;
    }
    for (int i = start; i + 1 < end; i++) {
      if (buffer.getByte(i) != '\n') {
        continue;
      }
      byte next = buffer.getByte(i + 1);
      if (next == '\r' || next == '\n') {
        return false; // end of the head: what follows is a body
      }
      if (isBlank(next)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }

  private static FullHttpRequest invalid(String reason) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.GET, "/bad-request", Unpooled.EMPTY_BUFFER);
    request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException(reason)));
    return request;
  }

  @Override
  protected boolean isContentAlwaysEmpty(HttpMessage message) {
    List<String> codings = message.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
    if (!codings.isEmpty()
        && (codings.size() > 1 || !codings.get(0).trim().equalsIgnoreCase("chunked"))) {
      message.setDecoderResult(
          DecoderResult.failure(
              new IllegalArgumentException(
                  "Transfer-Encoding other than exactly \"chunked\" is not accepted")));
    }
    return super.isContentAlwaysEmpty(message);
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    super.handleTransferEncodingChunkedWithContentLength(message);
    message.setDecoderResult(
        DecoderResult.failure(
            new IllegalArgumentException("both Content-Length and Transfer-Encoding present")));
  }
}
