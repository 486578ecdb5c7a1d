package dev.tether.agent.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/** WebSocket upgrade recognition (RFC 6455 section 4.1). */
final class WebSockets {
  private WebSockets() {}

  /** A GET carrying {@code Upgrade: websocket} and {@code Connection: upgrade}. */
  static boolean isUpgrade(HttpRequest request) {
    return HttpMethod.GET.equals(request.method())
        && request
            .headers()
            .containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
        && request
            .headers()
            .containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
  }
}
