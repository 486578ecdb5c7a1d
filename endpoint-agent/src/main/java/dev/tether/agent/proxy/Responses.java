package dev.tether.agent.proxy;

import dev.tether.agent.enforce.Enforcement;
import dev.tether.core.decision.BlockResponses;
import dev.tether.core.policy.Provider;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Responses the proxy generates itself. */
final class Responses {
  /** Header carrying the decision id on every response the agent decided about. */
  static final String DECISION_HEADER = "X-Tether-Decision-Id";

  private Responses() {}

  /** The local answer an enforcement chose, exactly as given (status, type, body, headers). */
  static FullHttpResponse answer(Enforcement.Answer answer) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(answer.status()),
            Unpooled.wrappedBuffer(answer.body()));
    for (Map.Entry<String, String> header : answer.headers().entrySet()) {
      response.headers().set(header.getKey(), header.getValue());
    }
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
        .set(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
        .set(DECISION_HEADER, answer.decisionId());
    return response;
  }

  /** A provider-shaped JSON error. */
  static FullHttpResponse providerError(
      Provider provider,
      HttpResponseStatus status,
      String code,
      String message,
      String decisionId) {
    byte[] body = BlockResponses.body(provider, status.code(), code, message);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    if (decisionId != null) {
      response.headers().set(DECISION_HEADER, decisionId);
    }
    return response;
  }

  /** A plain-text response that closes the connection. */
  static FullHttpResponse text(HttpResponseStatus status, String message) {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return response;
  }
}
