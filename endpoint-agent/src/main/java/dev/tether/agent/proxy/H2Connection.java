package dev.tether.agent.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One pooled HTTP/2 connection to an upstream (TLS already verified, {@code h2} negotiated). Its
 * counters are guarded by the {@link UpstreamH2Pool}'s lock for its key.
 *
 * <p>Guarantees: no stream is reserved beyond {@code min(}{@link
 * UpstreamH2Pool#MAX_STREAMS_PER_CONNECTION}{@code , the peer's SETTINGS_MAX_CONCURRENT_STREAMS)};
 * only the opening request's stream is sent before the peer's first SETTINGS; after GOAWAY nothing
 * new is reserved; idle (no stream) for {@link #IDLE_MILLIS} closes it; a stream whose client went
 * away but is still open after a sweep ({@link #SWEEP_MILLIS}) is reset and counted as leaked
 * (logged at ERROR). Server push is disabled and pushed streams are refused.
 */
final class H2Connection {
  private static final System.Logger LOG = System.getLogger(H2Connection.class.getName());
  static final long IDLE_MILLIS = 60_000;
  static final long SWEEP_MILLIS = 5_000;
  static final int MAX_HEADER_LIST_BYTES = 64 * 1024;
  private static final AtomicLong LEAKED = new AtomicLong();

  private final UpstreamH2Pool pool;
  private final UpstreamH2Pool.Key key;
  private final Channel channel;
  private final Map<Channel, Channel> streams = new ConcurrentHashMap<>(); // stream -> client
  private final ScheduledFuture<?> sweeper;
  private int active;
  private int maxStreams = UpstreamH2Pool.MAX_STREAMS_PER_CONNECTION;
  private boolean settled;
  private boolean draining;
  private int goAwayLastStreamId = Integer.MAX_VALUE;
  private volatile long idleSince = System.nanoTime();

  H2Connection(UpstreamH2Pool pool, UpstreamH2Pool.Key key, Channel channel) {
    this.pool = pool;
    this.key = key;
    this.channel = channel;
    channel
        .pipeline()
        .addLast(
            "h2",
            Http2FrameCodecBuilder.forClient()
                .initialSettings(
                    Http2Settings.defaultSettings()
                        .pushEnabled(false)
                        .maxHeaderListSize(MAX_HEADER_LIST_BYTES))
                .validateHeaders(true)
                .build())
        .addLast(
            "h2-streams",
            new Http2MultiplexHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel pushed) {
                    pushed.close(); // push is disabled; a server-initiated stream is refused
                  }
                }))
        .addLast("h2-watch", new Watcher());
    sweeper =
        channel
            .eventLoop()
            .scheduleAtFixedRate(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(f -> sweeper.cancel(false));
  }

  UpstreamH2Pool.Key key() {
    return key;
  }

  Channel channel() {
    return channel;
  }

  /** Total streams found leaked since start (client gone, stream still open). */
  static long leakedStreams() {
    return LEAKED.get();
  }

  // ---- counters: called with the pool's lock held ----

  void reserveFirst() {
    active++;
  }

  boolean tryReserve() {
    if (!usable() || !settled || active >= maxStreams) {
      return false;
    }
    active++;
    return true;
  }

  boolean usable() {
    return !draining && channel.isActive();
  }

  boolean awaitingSettings() {
    return !settled && usable();
  }

  boolean isClosed() {
    return !channel.isOpen();
  }

  int activeStreams() {
    return active;
  }

  /** The last stream id the peer said it may process (GOAWAY), else {@code Integer.MAX_VALUE}. */
  int goAwayLastStreamId() {
    return goAwayLastStreamId;
  }

  // ---- events ----

  /** A reserved slot was used by {@code stream} for a request from {@code client}. */
  void track(Channel stream, Channel client) {
    streams.put(stream, client);
  }

  /** A reserved slot is free again (its stream closed, or it was never opened). */
  void release(Channel stream) {
    if (stream != null) {
      streams.remove(stream);
    }
    pool.changed(
        this,
        () -> {
          active--;
          if (active == 0) {
            idleSince = System.nanoTime();
          }
        });
  }

  /** Closes the connection from its own event loop (never inside the pool's lock). */
  void closeQuietly() {
    channel.eventLoop().execute(channel::close);
  }

  private void sweep() {
    streams.forEach(
        (stream, client) -> {
          if (!client.isActive() && stream.isActive()) {
            LEAKED.incrementAndGet();
            LOG.log(
                System.Logger.Level.ERROR,
                "upstream {0}: stream {1} still open after its client left; reset",
                key.serverName(),
                stream.id());
            stream.close();
          }
        });
    boolean idle =
        pool.locked(this, () -> active == 0)
            && System.nanoTime() - idleSince > TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS);
    if (idle) {
      LOG.log(System.Logger.Level.DEBUG, "upstream {0}: idle h2 connection closed", key);
      channel.close();
    }
  }

  /** Reads the connection-level frames the multiplexer passes up: SETTINGS and GOAWAY. */
  private final class Watcher extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof Http2SettingsFrame settings) {
          Long peerMax = settings.settings().maxConcurrentStreams();
          pool.changed(
              H2Connection.this,
              () -> {
                settled = true;
                if (peerMax != null) {
                  maxStreams = (int) Math.min(UpstreamH2Pool.MAX_STREAMS_PER_CONNECTION, peerMax);
                }
              });
        } else if (msg instanceof Http2GoAwayFrame goAway) {
          LOG.log(
              System.Logger.Level.INFO,
              "upstream {0} sent GOAWAY (last stream {1}, error {2})",
              key.serverName(),
              goAway.lastStreamId(),
              goAway.errorCode());
          pool.changed(
              H2Connection.this,
              () -> {
                draining = true;
                goAwayLastStreamId = Math.min(goAwayLastStreamId, goAway.lastStreamId());
              });
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      pool.changed(H2Connection.this, () -> draining = true);
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.log(
          System.Logger.Level.INFO,
          "upstream h2 connection to {0} failed: {1}",
          key.serverName(),
          cause.toString());
      ctx.close();
    }
  }
}
