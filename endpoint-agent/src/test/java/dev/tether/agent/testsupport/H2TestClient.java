package dev.tether.agent.testsupport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A raw HTTP/2 client on Netty's frame codec over TLS (ALPN h2 only, trusting one CA, host name
 * verified), for what the JDK client cannot show: request trailers sent and response trailers
 * received, frame by frame (the gRPC wire shape).
 */
public final class H2TestClient implements AutoCloseable {
  /** A whole response: headers, the DATA bytes in order, trailers (null when none). */
  public record Response(Http2Headers headers, byte[] body, Http2Headers trailers, long reset) {}

  private final EventLoopGroup group = new NioEventLoopGroup(1);
  private final Channel channel;

  /** Connects to {@code address} with SNI {@code serverName}, trusting {@code ca}. */
  public H2TestClient(InetSocketAddress address, String serverName, X509Certificate ca)
      throws Exception {
    var tls =
        SslContextBuilder.forClient()
            .sslProvider(SslProvider.JDK)
            .trustManager(ca)
            .endpointIdentificationAlgorithm("HTTPS")
            .applicationProtocolConfig(
                new ApplicationProtocolConfig(
                    ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    ApplicationProtocolNames.HTTP_2))
            .build();
    SslHandler[] ssl = new SslHandler[1];
    channel =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ssl[0] = tls.newHandler(ch.alloc(), serverName, address.getPort());
                    // The JDK sends no SNI for a name without a dot ("localhost"): set it.
                    var parameters = ssl[0].engine().getSSLParameters();
                    parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName(serverName)));
                    ssl[0].engine().setSSLParameters(parameters);
                    ch.pipeline()
                        .addLast(ssl[0])
                        .addLast(Http2FrameCodecBuilder.forClient().build())
                        .addLast(
                            new Http2MultiplexHandler(
                                new ChannelInitializer<Channel>() {
                                  @Override
                                  protected void initChannel(Channel pushed) {
                                    pushed.close();
                                  }
                                }));
                  }
                })
            .connect(address)
            .sync()
            .channel();
    ssl[0].handshakeFuture().sync();
    if (!ApplicationProtocolNames.HTTP_2.equals(ssl[0].applicationProtocol())) {
      throw new IllegalStateException("ALPN chose " + ssl[0].applicationProtocol());
    }
  }

  /**
   * Sends one request: {@code headers} (pseudo-headers included), then {@code body} when not null,
   * then {@code trailers} when not null; the stream ends with the last of them.
   */
  public CompletableFuture<Response> send(Http2Headers headers, byte[] body, Http2Headers trailers)
      throws Exception {
    CompletableFuture<Response> result = new CompletableFuture<>();
    Http2StreamChannel stream =
        new Http2StreamChannelBootstrap(channel)
            .handler(new Collector(result))
            .open()
            .get(10, TimeUnit.SECONDS);
    boolean hasBody = body != null;
    boolean hasTrailers = trailers != null;
    stream.write(new DefaultHttp2HeadersFrame(headers, !hasBody && !hasTrailers));
    if (hasBody) {
      stream.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), !hasTrailers));
    }
    if (hasTrailers) {
      stream.write(new DefaultHttp2HeadersFrame(trailers, true));
    }
    stream.flush();
    return result;
  }

  /** Request headers for a POST to {@code path} at {@code authority}. */
  public static Http2Headers post(String authority, String path, String contentType) {
    return new DefaultHttp2Headers()
        .method("POST")
        .scheme("https")
        .authority(authority)
        .path(path)
        .set("content-type", contentType);
  }

  /** Trailer fields. */
  public static Http2Headers fields(List<String> namesAndValues) {
    Http2Headers headers = new DefaultHttp2Headers();
    for (int i = 0; i < namesAndValues.size(); i += 2) {
      headers.add(namesAndValues.get(i), namesAndValues.get(i + 1));
    }
    return headers;
  }

  private static final class Collector extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<Response> result;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Http2Headers headers;
    private Http2Headers trailers;

    Collector(CompletableFuture<Response> result) {
      this.result = result;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        boolean end = false;
        if (msg instanceof Http2HeadersFrame frame) {
          if (headers == null) {
            headers = frame.headers();
          } else {
            trailers = frame.headers();
          }
          end = frame.isEndStream();
        } else if (msg instanceof Http2DataFrame data) {
          body.writeBytes(ByteBufUtil.getBytes(data.content()));
          end = data.isEndStream();
        } else if (msg instanceof Http2ResetFrame reset) {
          result.complete(new Response(headers, body.toByteArray(), trailers, reset.errorCode()));
        }
        if (end) {
          result.complete(new Response(headers, body.toByteArray(), trailers, -1));
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      result.completeExceptionally(new IllegalStateException("stream closed before its end"));
    }
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
