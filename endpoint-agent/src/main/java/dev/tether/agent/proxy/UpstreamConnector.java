package dev.tether.agent.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * Opens one upstream connection for an intercepted target: TCP (marked for the OS redirect, on the
 * client's event loop), then TLS with the given verifying context (SNI and host name = the target's
 * server name). Reports the connected channel and the protocol the server chose by ALPN ({@code
 * http/1.1} without ALPN or without TLS), or the failure (a certificate error included); a channel
 * is only reported after a successful handshake, with nothing sent yet.
 */
final class UpstreamConnector {
  static final int CONNECT_TIMEOUT_MILLIS = 15_000;

  /** The outcome: either {@code channel} and {@code protocol}, or {@code cause}. */
  interface Callback {
    void done(Channel channel, String protocol, Throwable cause);
  }

  private final ProxyContext context;
  private final InterceptTarget target;

  UpstreamConnector(ProxyContext context, InterceptTarget target) {
    this.context = context;
    this.target = target;
  }

  /**
   * Connects; {@code tls} is null only for a plaintext target. Calls back on the channel's loop.
   */
  void connect(SslContext tls, Channel client, Callback callback) {
    SslHandler[] ssl = new SslHandler[1];
    context
        .transport()
        .upstream(client)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) throws Exception {
                context.transport().prepareUpstream(ch);
                if (tls != null) {
                  ssl[0] =
                      tls.newHandler(ch.alloc(), target.serverName(), target.upstream().port());
                  ch.pipeline().addLast("tls", ssl[0]);
                }
              }
            })
        .connect(target.upstream().host(), target.upstream().port())
        .addListener(
            (ChannelFutureListener)
                connected -> {
                  if (!connected.isSuccess()) {
                    callback.done(null, null, connected.cause());
                    return;
                  }
                  if (ssl[0] == null) {
                    callback.done(connected.channel(), ApplicationProtocolNames.HTTP_1_1, null);
                    return;
                  }
                  ssl[0]
                      .handshakeFuture()
                      .addListener(
                          handshake -> {
                            if (!handshake.isSuccess()) {
                              connected.channel().close();
                              callback.done(null, null, handshake.cause());
                              return;
                            }
                            String protocol = ssl[0].applicationProtocol();
                            callback.done(
                                connected.channel(),
                                protocol == null ? ApplicationProtocolNames.HTTP_1_1 : protocol,
                                null);
                          });
                });
  }
}
