package dev.tether.agent.proxy;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which application (the executable of the process owning the client socket) sent a connection: the
 * app context the policy mapping and the audit records use.
 *
 * <p>Lifecycle: the proxy starts a lookup when it accepts an explicit-proxy connection ({@link
 * ProxyServer}); the transparent mode starts one when it learns a redirected connection's original
 * destination. Either way the future is put on the accepted channel under {@link #APP} and is never
 * awaited on an event loop: the decision thread reads it with {@link #await}, bounded by {@link
 * #WAIT}. An app that cannot be determined is {@code null}, which only overrides naming {@code ?}
 * match.
 */
public interface AppAttribution {
  /** The accepted channel's app lookup. */
  AttributeKey<CompletableFuture<Optional<String>>> APP = AttributeKey.valueOf("tether.app");

  /** Longest a decision waits for its connection's attribution. */
  Duration WAIT = Duration.ofSeconds(1);

  /** No attribution: every connection's app is unknown. */
  AppAttribution NONE =
      (client, destination) -> CompletableFuture.completedFuture(Optional.empty());

  /**
   * Starts the lookup of the process owning the client socket {@code client -> destination}; must
   * not block. The future completes with the executable, or empty when unknown.
   */
  CompletableFuture<Optional<String>> lookup(
      InetSocketAddress client, InetSocketAddress destination);

  /**
   * The lookup on the connection carrying {@code channel} (an HTTP/2 stream's parent connection
   * included), or {@code null} when none was started.
   */
  static CompletableFuture<Optional<String>> of(Channel channel) {
    for (Channel c = channel; c != null; c = c.parent()) {
      CompletableFuture<Optional<String>> app = c.attr(APP).get();
      if (app != null) {
        return app;
      }
    }
    return null;
  }

  /**
   * The executable, waiting at most {@link #WAIT}; {@code null} when unknown, on timeout or error.
   * Never call on an event loop.
   */
  static String await(CompletableFuture<Optional<String>> app) {
    if (app == null) {
      return null;
    }
    try {
      return app.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).orElse(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return null;
    }
  }
}
