package dev.tether.agent.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * After the client-side TLS handshake, installs the HTTP version the client chose by ALPN: HTTP/1.1
 * (strict decoder, one {@link InterceptHandler} for the connection) or HTTP/2 (frame codec and
 * multiplexer; each stream is converted to HTTP/1.1 message objects and gets its own {@link
 * InterceptHandler}, so both versions go through the same inspection). Clients without ALPN get
 * HTTP/1.1.
 */
final class AlpnSwitch extends ApplicationProtocolNegotiationHandler {
  private static final System.Logger LOG = System.getLogger(AlpnSwitch.class.getName());
  static final int MAX_CONCURRENT_STREAMS = 100;
  static final int MAX_HEADER_LIST_BYTES = StrictRequestDecoder.MAX_HEADER_SIZE;

  private final ProxyContext context;
  private final InterceptTarget target;

  AlpnSwitch(ProxyContext context, InterceptTarget target) {
    super(ApplicationProtocolNames.HTTP_1_1);
    this.context = context;
    this.target = target;
  }

  @Override
  protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
    if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
      ctx.pipeline()
          .addLast(
              "h2",
              Http2FrameCodecBuilder.forServer()
                  .initialSettings(
                      Http2Settings.defaultSettings()
                          .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                          .maxHeaderListSize(MAX_HEADER_LIST_BYTES))
                  .validateHeaders(true)
                  .build())
          .addLast(
              "h2-streams",
              new Http2MultiplexHandler(
                  new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                      stream
                          .pipeline()
                          .addLast("h2-to-http", new Http2StreamFrameToHttpObjectCodec(true))
                          .addLast("intercept", new InterceptHandler(context, target));
                    }
                  }));
      return;
    }
    if (ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
      ctx.pipeline()
          .addLast("decoder", new StrictRequestDecoder())
          .addLast("encoder", new HttpResponseEncoder())
          .addLast("intercept", new InterceptHandler(context, target));
      return;
    }
    throw new IllegalStateException("unexpected ALPN protocol " + protocol);
  }

  @Override
  protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(
        System.Logger.Level.DEBUG,
        "client TLS handshake for {0} failed: {1}",
        target.serverName(),
        cause.toString());
    ctx.close();
  }
}
