package dev.tether.agent.testsupport;

import dev.tether.agent.tls.DeviceCa;
import dev.tether.agent.tls.LeafMinter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TLS server on 127.0.0.1 built on Netty's HTTP/2 codec: the h2 mode of the fake upstreams
 * (ALPN {@code h2}, or {@code http/1.1} only when built with {@code h2 = false}). Serves
 *
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: the same JSON as {@link TestUpstream#replyFor};
 *   <li>{@code POST /v1/stream}: two SSE events, the second after {@code streamDelayMillis};
 *   <li>gRPC-style calls (content-type {@code application/grpc}, 5-byte length-prefixed messages):
 *       {@code /echo.Echo/Unary} echoes the message with trailers {@code grpc-status: 0}; {@code
 *       /echo.Echo/Stream} sends the message three times then the trailers; {@code /echo.Echo/Fail}
 *       sends trailers {@code grpc-status: 7}, {@code grpc-message}.
 * </ul>
 *
 * Counts accepted connections and opened streams, records bodies and request trailers; with {@link
 * #goAwayAtStreams} set, the first connection answers GOAWAY naming its first stream as the last
 * one processed once that many streams are open (the others are dropped unprocessed).
 */
public final class H2TestUpstream implements AutoCloseable {
  private static final io.netty.util.AttributeKey<Boolean> WENT_AWAY =
      io.netty.util.AttributeKey.valueOf("h2-test-upstream-went-away");
  private static final io.netty.util.AttributeKey<Integer> FIRST_STREAM =
      io.netty.util.AttributeKey.valueOf("h2-test-upstream-first-stream");
  public final AtomicInteger connections = new AtomicInteger();
  public final AtomicInteger streams = new AtomicInteger();
  public final List<String> bodies = new CopyOnWriteArrayList<>();
  public final Map<String, String> requestTrailers = new ConcurrentHashMap<>();
  public final List<String> authorities = new CopyOnWriteArrayList<>();
  public volatile int goAwayAtStreams;
  public volatile long streamDelayMillis;
  public volatile boolean secondSent;
  public volatile long maxConcurrentStreams = 100;
  private final EventLoopGroup group = new NioEventLoopGroup(2);
  private final Channel server;
  private final AtomicInteger goAwaysSent = new AtomicInteger();

  /** An upstream for {@code host} issued by {@code ca}, offering h2 ({@code h2}) or HTTP/1.1. */
  public H2TestUpstream(DeviceCa ca, String host, boolean h2) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    X509Certificate leaf = new LeafMinter(ca, 1).mint(host, keys);
    SslContext tls =
        SslContextBuilder.forServer(keys.getPrivate(), leaf, ca.certificate())
            .sslProvider(SslProvider.JDK)
            .applicationProtocolConfig(
                new ApplicationProtocolConfig(
                    ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    h2
                        ? List.of(
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)
                        : List.of(ApplicationProtocolNames.HTTP_1_1)))
            .build();
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.incrementAndGet();
                    ch.pipeline().addLast(tls.newHandler(ch.alloc()), new Alpn());
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  public Path writeCaPem(DeviceCa ca, Path dir) throws Exception {
    Path file = dir.resolve("h2-upstream-ca-" + System.nanoTime() + ".pem");
    Files.write(file, ca.certificatePem());
    return file;
  }

  /** A gRPC length-prefixed message (uncompressed). */
  public static byte[] grpcFrame(byte[] message) {
    ByteBuf buf = Unpooled.buffer(5 + message.length);
    buf.writeByte(0).writeInt(message.length).writeBytes(message);
    return ByteBufUtil.getBytes(buf);
  }

  private final class Alpn extends ApplicationProtocolNegotiationHandler {
    Alpn() {
      super(ApplicationProtocolNames.HTTP_1_1);
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
      if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
        Http2FrameCodec codec =
            Http2FrameCodecBuilder.forServer()
                .initialSettings(
                    Http2Settings.defaultSettings().maxConcurrentStreams(maxConcurrentStreams))
                .build();
        ctx.pipeline()
            .addLast(codec)
            .addLast(
                new Http2MultiplexHandler(
                    new ChannelInitializer<Http2StreamChannel>() {
                      @Override
                      protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast(new StreamHandler(ctx, codec));
                      }
                    }));
        return;
      }
      ctx.pipeline()
          .addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Http1Handler());
    }
  }

  /** One h2 stream: aggregates the request (headers, data, trailers), then answers. */
  private final class StreamHandler extends ChannelInboundHandlerAdapter {
    private final ChannelHandlerContext connection;
    private final Http2FrameCodec codec;
    private final ByteBuf body = Unpooled.buffer();
    private Http2Headers headers;

    StreamHandler(ChannelHandlerContext connection, Http2FrameCodec codec) {
      this.connection = connection;
      this.codec = codec;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        boolean end = false;
        if (msg instanceof Http2HeadersFrame frame) {
          if (headers == null) {
            headers = frame.headers();
            int open = streams.incrementAndGet();
            authorities.add(String.valueOf(headers.authority()));
            connection
                .channel()
                .attr(FIRST_STREAM)
                .setIfAbsent(((Http2StreamChannel) ctx.channel()).stream().id());
            maybeGoAway(ctx, open);
          } else {
            frame
                .headers()
                .forEach(h -> requestTrailers.put(h.getKey().toString(), h.getValue().toString()));
          }
          end = frame.isEndStream();
        } else if (msg instanceof Http2DataFrame data) {
          body.writeBytes(data.content());
          end = data.isEndStream();
        }
        if (end) {
          answer(ctx);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void maybeGoAway(ChannelHandlerContext ctx, int open) {
      if (goAwayAtStreams > 0 && open == goAwayAtStreams && goAwaysSent.getAndIncrement() == 0) {
        connection.channel().attr(WENT_AWAY).set(true);
        ChannelHandlerContext codecCtx = connection.pipeline().context(codec);
        codecCtx
            .executor()
            .execute(
                () -> {
                  codec.goAway(
                      codecCtx,
                      connection.channel().attr(FIRST_STREAM).get(), // only it is processed
                      Http2Error.NO_ERROR.code(),
                      Unpooled.EMPTY_BUFFER,
                      codecCtx.newPromise());
                  codecCtx.flush();
                });
      }
    }

    private void answer(ChannelHandlerContext ctx) {
      if (Boolean.TRUE.equals(connection.channel().attr(WENT_AWAY).get())
          && ((Http2StreamChannel) ctx.channel()).stream().id()
              > connection.channel().attr(FIRST_STREAM).get()) {
        body.release();
        return; // above the GOAWAY's last stream: never processed
      }
      String path = String.valueOf(headers.path());
      byte[] received = ByteBufUtil.getBytes(body);
      body.release();
      bodies.add(new String(received, StandardCharsets.UTF_8));
      if (path.startsWith("/echo.Echo/")) {
        grpc(ctx, path, received);
      } else if (path.equals("/v1/hangup")) {
        ctx.channel().parent().close(); // processed, then the connection is lost: no answer
      } else if (path.equals("/v1/stream")) {
        ctx.write(
            new DefaultHttp2HeadersFrame(status("200").set("content-type", "text/event-stream")));
        ctx.writeAndFlush(data("data: first\n\n", false));
        ctx.executor()
            .schedule(
                () -> {
                  secondSent = true;
                  ctx.writeAndFlush(data("data: second\n\n", true));
                },
                streamDelayMillis,
                java.util.concurrent.TimeUnit.MILLISECONDS);
      } else {
        byte[] reply = TestUpstream.replyFor(received.length).getBytes(StandardCharsets.UTF_8);
        ctx.write(
            new DefaultHttp2HeadersFrame(
                status("201")
                    .set("content-type", "application/json")
                    .set("x-upstream", "h2")
                    .setInt("content-length", reply.length)));
        ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(reply), true));
      }
    }

    private void grpc(ChannelHandlerContext ctx, String path, byte[] received) {
      Http2Headers head = status("200").set("content-type", "application/grpc");
      if (path.equals("/echo.Echo/Fail")) {
        // Trailers-only response.
        ctx.writeAndFlush(
            new DefaultHttp2HeadersFrame(
                head.set("grpc-status", "7").set("grpc-message", "permission denied by fake"),
                true));
        return;
      }
      ctx.write(new DefaultHttp2HeadersFrame(head));
      byte[] message =
          received.length >= 5
              ? java.util.Arrays.copyOfRange(received, 5, received.length)
              : new byte[0];
      int times = path.equals("/echo.Echo/Stream") ? 3 : 1;
      for (int i = 0; i < times; i++) {
        ctx.writeAndFlush(
            new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(grpcFrame(message)), false));
      }
      ctx.writeAndFlush(
          new DefaultHttp2HeadersFrame(
              new DefaultHttp2Headers().set("grpc-status", "0").set("grpc-message", "ok"), true));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (body.refCnt() > 0) {
        body.release();
      }
      ctx.fireChannelInactive();
    }
  }

  private static Http2Headers status(String code) {
    return new DefaultHttp2Headers().status(code);
  }

  private static Http2DataFrame data(String text, boolean end) {
    return new DefaultHttp2DataFrame(
        Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)), end);
  }

  /** The same answers over HTTP/1.1 (the http/1.1-only mode). */
  private final class Http1Handler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof FullHttpRequest request)) {
        ReferenceCountUtil.release(msg);
        return;
      }
      try {
        streams.incrementAndGet();
        authorities.add(request.headers().get(HttpHeaderNames.HOST));
        byte[] received = ByteBufUtil.getBytes(request.content());
        bodies.add(new String(received, StandardCharsets.UTF_8));
        byte[] reply = TestUpstream.replyFor(received.length).getBytes(StandardCharsets.UTF_8);
        var response =
            new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.CREATED, Unpooled.wrappedBuffer(reply));
        response
            .headers()
            .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
            .set("x-upstream", "http1")
            .set(HttpHeaderNames.CONTENT_LENGTH, reply.length);
        ctx.writeAndFlush(response);
      } finally {
        request.release();
      }
    }
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }
}
