package dev.tether.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.enforce.ModeHandlers;
import dev.tether.agent.testsupport.TestTls;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.agent.tls.LeafMinter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket upgrades through the intercepting proxy with a real client (the JDK's WebSocket over
 * the proxy's CONNECT) and a real TLS WebSocket upstream: client->server messages are decided one
 * by one; a refused message closes with 1008 and never reaches the upstream.
 */
class WebSocketProxyTest {
  static final String AWS_KEY = "AKIA" + "Q3EGRJ5XWZT7NB2H";
  static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
  static NioEventLoopGroup group;
  static Channel server;
  static ProxyFixture proxy;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    DeviceCa ca = DeviceCa.generate("ws-upstream-ca");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    var leaf = new LeafMinter(ca, 1).mint("localhost", keys);
    var ssl =
        SslContextBuilder.forServer(keys.getPrivate(), leaf, ca.certificate())
            .sslProvider(SslProvider.JDK)
            .build();
    group = new NioEventLoopGroup(1);
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(ssl.newHandler(ch.alloc()))
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 16))
                        .addLast(new WebSocketServerProtocolHandler("/v1/realtime", null, false))
                        .addLast(
                            new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                RECEIVED.add(frame.text());
                                ctx.writeAndFlush(new TextWebSocketFrame("echo:" + frame.text()));
                              }
                            });
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
    Path caFile = dir.resolve("ws-ca.pem");
    Files.write(caFile, ca.certificatePem());
    proxy =
        new ProxyFixture(dir, TestPolicies.document(List.of()), ModeHandlers.none(), caFile, null);
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    server.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  static final class Listener implements WebSocket.Listener {
    final CompletableFuture<String> firstText = new CompletableFuture<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      firstText.complete(data.toString());
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.completeExceptionally(error);
      firstText.completeExceptionally(error);
    }
  }

  static WebSocket open(Listener listener) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(proxy.address))
            .sslContext(TestTls.trusting(proxy.deviceCa.certificate()))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    int port = ((InetSocketAddress) server.localAddress()).getPort();
    return client
        .newWebSocketBuilder()
        .buildAsync(URI.create("wss://localhost:" + port + "/v1/realtime"), listener)
        .get(60, TimeUnit.SECONDS);
  }

  @Test
  void websocket_cleanMessage_relayedBothWays() throws Exception {
    Listener listener = new Listener();
    WebSocket ws = open(listener);
    ws.sendText("{\"type\":\"conversation.item.create\",\"item\":{\"content\":\"hello\"}}", true)
        .get(5, TimeUnit.SECONDS);
    assertThat(listener.firstText.get(60, TimeUnit.SECONDS)).startsWith("echo:");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }

  @Test
  void websocket_messageWithCredential_closed1008NeverForwarded() throws Exception {
    Listener listener = new Listener();
    WebSocket ws = open(listener);
    ws.sendText(
        "{\"type\":\"conversation.item.create\",\"item\":{\"content\":\"" + AWS_KEY + "\"}}", true);
    assertEquals(1008, listener.closed.get(60, TimeUnit.SECONDS));
    assertThat(RECEIVED).noneMatch(m -> m.contains(AWS_KEY));
  }
}
