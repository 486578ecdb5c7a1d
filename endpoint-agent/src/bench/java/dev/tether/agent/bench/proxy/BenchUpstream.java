package dev.tether.agent.bench.proxy;

import dev.tether.agent.tls.DeviceCa;
import dev.tether.agent.tls.LeafMinter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;

/**
 * A fast HTTPS stand-in for an AI API on loopback (Netty, keep-alive): {@code POST
 * /v1/chat/completions} answers a fixed JSON completion; {@code /v1/stream} answers SSE, the first
 * event at once and the second 20 ms later. Certificate for {@code localhost} and {@code
 * *.bench.test} from its own CA, written to {@code <dir>/upstream-ca.pem}.
 *
 * <p>Usage: {@code BenchUpstream <dir> <port>}
 */
public final class BenchUpstream {
  static final byte[] COMPLETION =
      ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\","
              + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
              + "\"The loop runs n times because the index starts at zero.\"},"
              + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1000,"
              + "\"completion_tokens\":12,\"total_tokens\":1012}}")
          .getBytes(StandardCharsets.UTF_8);

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    DeviceCa ca = DeviceCa.generate("bench-upstream-ca");
    Files.write(dir.resolve("upstream-ca.pem"), ca.certificatePem());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    X509Certificate leaf = new LeafMinter(ca, 1).mint("localhost", keys);
    X509Certificate wildcard = new LeafMinter(ca, 1).mint("*.bench.test", keys);
    SslContext localhost =
        SslContextBuilder.forServer(keys.getPrivate(), leaf, ca.certificate())
            .sslProvider(SslProvider.JDK)
            .build();
    SslContext wild =
        SslContextBuilder.forServer(keys.getPrivate(), wildcard, ca.certificate())
            .sslProvider(SslProvider.JDK)
            .build();
    NioEventLoopGroup group = new NioEventLoopGroup(1);
    Channel server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(
                            new io.netty.handler.ssl.SniHandler(
                                host ->
                                    host != null && host.endsWith(".bench.test")
                                        ? wild
                                        : localhost))
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new Api());
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", port))
            .sync()
            .channel();
    System.out.println("upstream ready on " + server.localAddress());
    server.closeFuture().sync();
  }

  static final class Api extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      if (request.uri().startsWith("/v1/stream")) {
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.write(head);
        ctx.writeAndFlush(
            new DefaultHttpContent(
                Unpooled.wrappedBuffer("data: {\"delta\":\"first\"}\n\n".getBytes(StandardCharsets.UTF_8))));
        ctx.executor()
            .schedule(
                () -> {
                  ctx.write(
                      new DefaultHttpContent(
                          Unpooled.wrappedBuffer(
                              "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8))));
                  ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                },
                20,
                TimeUnit.MILLISECONDS);
        return;
      }
      DefaultFullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(COMPLETION));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      response.headers().set(HttpHeaderNames.CONTENT_LENGTH, COMPLETION.length);
      if (!keepAlive) {
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
      }
      ctx.writeAndFlush(response);
    }
  }
}
