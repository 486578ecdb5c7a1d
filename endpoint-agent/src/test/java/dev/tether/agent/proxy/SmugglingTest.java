package dev.tether.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request-smuggling shapes against the strict decoder: each ambiguous framing must surface as a
 * decoder failure (the intercept handler answers 400 and closes), never as a request the proxy
 * would decide and forward with a different body than the upstream would read.
 */
class SmugglingTest {
  static final String HEAD = "POST /v1/chat/completions HTTP/1.1\r\nHost: api.openai.com\r\n";

  static Stream<Arguments> ambiguous() {
    return Stream.of(
        Arguments.of(
            "CL and TE together (CL.TE)",
            "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        Arguments.of(
            "TE and CL together (TE.CL)",
            "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n1\r\nx\r\n0\r\n\r\n"),
        Arguments.of(
            "duplicate Content-Length", "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"),
        Arguments.of("conflicting Content-Length list", "Content-Length: 5, 6\r\n\r\nhello"),
        Arguments.of("non-numeric Content-Length", "Content-Length: five\r\n\r\nhello"),
        Arguments.of("negative Content-Length", "Content-Length: -1\r\n\r\nhello"),
        Arguments.of("plus-signed Content-Length", "Content-Length: +5\r\n\r\nhello"),
        Arguments.of(
            "obs-fold continuation line",
            "X-Note: a\r\n folded: yes\r\nContent-Length: 2\r\n\r\n{}"),
        Arguments.of(
            "obs-fold with tab",
            "X-Note: a\r\n\tTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n{}"),
        Arguments.of("space before colon", "Content-Length : 2\r\n\r\n{}"),
        Arguments.of(
            "invalid chunk size", "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
        Arguments.of(
            "negative chunk size", "Transfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n"),
        Arguments.of(
            "chunk size overflow",
            "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("bare LF line endings", "Content-Length: 2\n\n{}"),
        Arguments.of(
            "unknown transfer coding", "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
        Arguments.of(
            "TE not ending in chunked", "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"),
        Arguments.of("NUL in header value", "X-A: a\u0000b\r\nContent-Length: 2\r\n\r\n{}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ambiguous")
  void ambiguousFraming_isDecoderFailure(String note, String tail) {
    List<HttpObject> objects = decode(HEAD + tail);
    boolean failed = objects.stream().anyMatch(o -> o.decoderResult().isFailure());
    objects.forEach(ReferenceCountUtil::release);
    assertTrue(failed, note + ": decoded without failure");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormed")
  void wellFormed_decodesOneCompleteRequest(String note, String tail, int bodyBytes) {
    List<HttpObject> objects = decode(HEAD + tail);
    try {
      assertTrue(objects.stream().noneMatch(o -> o.decoderResult().isFailure()), note);
      assertEquals(1, objects.stream().filter(o -> o instanceof HttpRequest).count(), note);
      assertTrue(objects.get(objects.size() - 1) instanceof LastHttpContent, note);
      int body =
          objects.stream()
              .filter(o -> o instanceof HttpContent)
              .mapToInt(o -> ((HttpContent) o).content().readableBytes())
              .sum();
      assertEquals(bodyBytes, body, note);
    } finally {
      objects.forEach(ReferenceCountUtil::release);
    }
  }

  static Stream<Arguments> wellFormed() {
    return Stream.of(
        Arguments.of("Content-Length", "Content-Length: 2\r\n\r\n{}", 2),
        Arguments.of(
            "chunked with extension",
            "Transfer-Encoding: chunked\r\n\r\n2;x=y\r\n{}\r\n0\r\n\r\n",
            2),
        Arguments.of(
            "chunked with trailer",
            "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-T: 1\r\n\r\n",
            2),
        Arguments.of("no body", "\r\n", 0));
  }

  static List<HttpObject> decode(String wire) {
    EmbeddedChannel channel = new EmbeddedChannel(new StrictRequestDecoder());
    channel.writeInbound(Unpooled.copiedBuffer(wire, StandardCharsets.ISO_8859_1));
    channel.finish();
    List<HttpObject> out = new ArrayList<>();
    for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
      out.add((HttpObject) o);
    }
    return out;
  }
}
