package dev.tether.agent.proxy;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * An HTTP/1.1 request decoder that rejects request-smuggling shapes instead of repairing them: both
 * {@code Content-Length} and {@code Transfer-Encoding} marks the request invalid (Netty's default
 * silently drops the Content-Length). Invalid or duplicate Content-Length values are already
 * invalid in Netty's decoder. The handler answers 400 to any invalid request.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
  static final int MAX_INITIAL_LINE = 8 * 1024;
  static final int MAX_HEADER_SIZE = 32 * 1024;
  static final int MAX_CHUNK_SIZE = 64 * 1024;

  StrictRequestDecoder() {
    super(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE);
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    super.handleTransferEncodingChunkedWithContentLength(message);
    message.setDecoderResult(
        DecoderResult.failure(
            new IllegalArgumentException("both Content-Length and Transfer-Encoding present")));
  }
}
