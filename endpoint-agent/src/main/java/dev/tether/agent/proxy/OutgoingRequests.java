package dev.tether.agent.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Locale;

/**
 * The request as it leaves for the upstream: connection-specific headers removed (RFC 9110 §7.6.1,
 * RFC 9113 §8.2.2), the body framed by a {@code Content-Length} computed from the bytes actually
 * sent, and for HTTP/2 the authority checked against the name the decision used.
 */
final class OutgoingRequests {
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

  private OutgoingRequests() {}

  /** The HTTP/1.1 form (takes ownership of {@code body}); trailers are not sent. */
  static FullHttpRequest http1(
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

  /**
   * The HTTP/2 form (takes ownership of {@code body}): the HTTP/1.1 form plus {@code te: trailers}
   * when the client sent it (the only TE value HTTP/2 allows; gRPC needs it for the response
   * trailers). Request trailers are never sent: the decision inspected the body, not fields that
   * arrive after it, so forwarding them would open a channel past inspection (RFC 9110 §6.5.1 lets
   * a recipient discard trailers; gRPC clients send none).
   */
  static FullHttpRequest h2(
      HttpRequest request, ByteBuf body, boolean identityResponse, String defaultAuthority) {
    FullHttpRequest out = http1(request, body, identityResponse, false);
    if (acceptsTrailers(request.headers())) {
      out.headers().set(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS);
    }
    if (!out.headers().contains(HttpHeaderNames.HOST)) {
      out.headers().set(HttpHeaderNames.HOST, defaultAuthority);
    }
    return out;
  }

  /** The HTTP/1.1 form of an HTTP/2 form (shares the body): no {@code te}, no trailers. */
  static FullHttpRequest http1Of(FullHttpRequest h2) {
    HttpHeaders headers = h2.headers().copy();
    headers.remove(HttpHeaderNames.TE);
    return new DefaultFullHttpRequest(
        HttpVersion.HTTP_1_1,
        h2.method(),
        h2.uri(),
        h2.content().retainedDuplicate(),
        headers,
        EmptyHttpHeaders.INSTANCE);
  }

  /** True if {@code TE} lists {@code trailers} (RFC 9110 §10.1.4). */
  static boolean acceptsTrailers(HttpHeaders headers) {
    for (String value : headers.getAll(HttpHeaderNames.TE)) {
      for (String token : value.split(",")) {
        String name = token.split(";", 2)[0].trim();
        if (name.equalsIgnoreCase("trailers")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Throws unless the request's {@code Host} (from {@code :authority} for HTTP/2 clients) names the
   * server the decision was made for: on a shared HTTP/2 connection the upstream routes by
   * authority, so a different name would send the request somewhere the decision never saw.
   */
  static void checkAuthority(HttpHeaders headers, InterceptTarget target) {
    List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
    if (hosts.size() > 1) {
      throw new IllegalArgumentException("more than one Host header");
    }
    if (hosts.isEmpty()) {
      return; // the HTTP/2 form adds the decided name
    }
    HostAndPort authority;
    try {
      authority = HostAndPort.parse(hosts.get(0).trim(), target.upstream().port());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid Host " + e.getMessage());
    }
    String decided = target.serverName().toLowerCase(Locale.ROOT);
    if (!authority.host().equals(decided) || authority.port() != target.upstream().port()) {
      throw new IllegalArgumentException(
          "Host " + authority.host() + ":" + authority.port() + " is not " + decided);
    }
  }

  /** The authority for a request without {@code Host}: the decided name (and non-default port). */
  static String defaultAuthority(InterceptTarget target) {
    String host =
        target.serverName().contains(":") ? "[" + target.serverName() + "]" : target.serverName();
    return target.upstream().port() == 443 ? host : host + ":" + target.upstream().port();
  }
}
