package dev.tether.agent.proxy;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared HTTP/2 connections to upstream servers, per {@link Key} (address, port, SNI and the exact
 * TLS trust context: a policy that changes the enterprise CAs gets new connections). Requests from
 * every client connection and stream are sent as streams on these connections.
 *
 * <p>Guarantees: at most {@link #MAX_CONNECTIONS_PER_KEY} connections per key (connecting ones
 * included), at most {@code min(}{@link #MAX_STREAMS_PER_CONNECTION}{@code ,
 * SETTINGS_MAX_CONCURRENT_STREAMS)} streams per connection, at most {@link #MAX_WAITING_PER_KEY}
 * requests waiting for a slot (more are refused with {@link Grant.Failed}); a connection that
 * received GOAWAY takes no new stream. While a key's first connection is being set up, further
 * requests wait for it instead of opening their own (so concurrent requests share it). An upstream
 * that chose HTTP/1.1 is remembered for {@link #HTTP1_MEMORY_MILLIS}: requests then go the HTTP/1.1
 * way directly. At most about {@link #MAX_KEYS} keys are remembered (idle ones are forgotten
 * first). Thread-safe: every state change is under the key's lock; grants are delivered outside it.
 */
public final class UpstreamH2Pool implements AutoCloseable {
  static final int MAX_CONNECTIONS_PER_KEY = 4;
  static final int MAX_STREAMS_PER_CONNECTION = 100;
  static final int MAX_WAITING_PER_KEY = 1024;
  static final long HTTP1_MEMORY_MILLIS = 10 * 60_000L;
  static final int MAX_KEYS = 4096;

  /** Where a pooled connection goes and how it was verified. */
  record Key(String host, int port, String serverName, SslContext trust) {
    Key {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(serverName, "serverName");
      Objects.requireNonNull(trust, "trust");
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key k
          && host.equals(k.host)
          && port == k.port
          && serverName.equals(k.serverName)
          && trust == k.trust; // the same context object, not an equal-looking one
    }

    @Override
    public int hashCode() {
      return Objects.hash(host, port, serverName, System.identityHashCode(trust));
    }
  }

  /** What a waiting request may do. */
  sealed interface Grant {
    /** A stream slot is reserved on {@code connection}: open the stream (or release the slot). */
    record Stream(H2Connection connection) implements Grant {}

    /** Open a new connection with ALPN, then report it ({@link #h2Connected} etc.). */
    record Connect() implements Grant {}

    /** The upstream speaks HTTP/1.1: use the per-client HTTP/1.1 connection. */
    record Http1() implements Grant {}

    /** No connection can be had; {@code cause} says why (certificate error, pool full). */
    record Failed(Throwable cause) implements Grant {}
  }

  /** A request waiting for a {@link Grant}; called on any thread, at most once. */
  interface Waiter {
    void granted(Grant grant);

    /** True once the client went away: the waiter is dropped (granted {@link Grant.Failed}). */
    boolean abandoned();
  }

  private final Map<Key, Host> hosts = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** Asks for a way to send one request to {@code key}; {@code waiter} is granted exactly once. */
  void acquire(Key key, Waiter waiter) {
    if (closed) {
      waiter.granted(new Grant.Failed(new IllegalStateException("proxy closing")));
      return;
    }
    if (hosts.size() > MAX_KEYS) {
      retireIdle();
    }
    Host host;
    List<Runnable> grants = new ArrayList<>();
    while (true) {
      host = hosts.computeIfAbsent(key, Host::new);
      synchronized (host) {
        if (!host.retired) {
          break;
        }
      }
    }
    synchronized (host) {
      if (System.currentTimeMillis() < host.http1Until) {
        grants.add(() -> waiter.granted(new Grant.Http1()));
      } else if (host.waiting.size() >= MAX_WAITING_PER_KEY) {
        grants.add(
            () ->
                waiter.granted(
                    new Grant.Failed(
                        new IllegalStateException(
                            "upstream connection pool for "
                                + key.serverName()
                                + " full ("
                                + MAX_WAITING_PER_KEY
                                + " requests waiting)"))));
      } else {
        host.waiting.add(waiter);
        host.dispatch(grants);
      }
    }
    grants.forEach(Runnable::run);
  }

  /**
   * Forgets keys with nothing open, connecting or waiting (their HTTP/1.1 memory too), so the map
   * stays bounded even when inspect-all meets many hosts. A retired entry is never used again.
   */
  private void retireIdle() {
    for (Host host : hosts.values()) {
      synchronized (host) {
        if (host.connections.isEmpty() && host.connecting == 0 && host.waiting.isEmpty()) {
          host.retired = true;
          hosts.remove(host.key, host);
        }
      }
    }
  }

  /**
   * A connection from a {@link Grant.Connect} negotiated h2: it joins the pool with one stream
   * reserved for the request that opened it. Further waiters are served once its SETTINGS arrive.
   */
  H2Connection h2Connected(Key key, Channel channel) {
    Host host = hosts.computeIfAbsent(key, Host::new);
    H2Connection connection = new H2Connection(this, key, channel);
    synchronized (host) {
      host.connecting--;
      connection.reserveFirst();
      host.connections.add(connection);
    }
    if (closed) {
      channel.close();
    }
    return connection;
  }

  /** A connection from a {@link Grant.Connect} negotiated HTTP/1.1: waiters go that way too. */
  void http1Connected(Key key) {
    Host host = hosts.computeIfAbsent(key, Host::new);
    List<Runnable> grants = new ArrayList<>();
    synchronized (host) {
      host.connecting--;
      host.http1Until = System.currentTimeMillis() + HTTP1_MEMORY_MILLIS;
      host.dispatch(grants);
    }
    grants.forEach(Runnable::run);
  }

  /** A connection from a {@link Grant.Connect} failed: waiters fail alike unless others remain. */
  void connectFailed(Key key, Throwable cause) {
    Host host = hosts.computeIfAbsent(key, Host::new);
    List<Runnable> grants = new ArrayList<>();
    synchronized (host) {
      host.connecting--;
      if (host.connections.isEmpty()) {
        while (!host.waiting.isEmpty()) {
          Waiter waiter = host.waiting.poll();
          grants.add(() -> waiter.granted(new Grant.Failed(cause)));
        }
      } else {
        host.dispatch(grants);
      }
    }
    grants.forEach(Runnable::run);
  }

  /** The connection's state changed (SETTINGS, a stream ended, GOAWAY, closed): serve waiters. */
  void changed(H2Connection connection, Runnable change) {
    Host host = hosts.get(connection.key());
    if (host == null) {
      return;
    }
    List<Runnable> grants = new ArrayList<>();
    synchronized (host) {
      change.run();
      if (!connection.usable() && connection.activeStreams() == 0 || connection.isClosed()) {
        host.connections.remove(connection);
        if (!connection.isClosed()) {
          connection.closeQuietly(); // draining and empty: done
        }
      }
      host.dispatch(grants);
    }
    grants.forEach(Runnable::run);
  }

  /** Runs {@code check} under the lock that guards {@code connection}'s counters. */
  boolean locked(H2Connection connection, java.util.function.BooleanSupplier check) {
    Host host = hosts.get(connection.key());
    if (host == null) {
      return false;
    }
    synchronized (host) {
      return check.getAsBoolean();
    }
  }

  /** Streams open on all pooled connections (for status and the leaked-stream test). */
  public int openStreams() {
    int open = 0;
    for (Host host : hosts.values()) {
      synchronized (host) {
        for (H2Connection connection : host.connections) {
          open += connection.activeStreams();
        }
      }
    }
    return open;
  }

  /** Keys currently remembered (bounded by about {@link #MAX_KEYS}). */
  int knownKeys() {
    return hosts.size();
  }

  /** Pooled connections (ready or draining). */
  public int connections() {
    int count = 0;
    for (Host host : hosts.values()) {
      synchronized (host) {
        count += host.connections.size();
      }
    }
    return count;
  }

  /** Closes every pooled connection; waiting requests are refused. */
  @Override
  public void close() {
    closed = true;
    for (Host host : hosts.values()) {
      List<H2Connection> all;
      List<Waiter> waiters;
      synchronized (host) {
        all = List.copyOf(host.connections);
        waiters = List.copyOf(host.waiting);
        host.waiting.clear();
      }
      all.forEach(H2Connection::closeQuietly);
      waiters.forEach(w -> w.granted(new Grant.Failed(new IllegalStateException("proxy closing"))));
    }
  }

  /** One key's connections and queue; guarded by its own monitor. */
  private static final class Host {
    final Key key;
    final List<H2Connection> connections = new ArrayList<>();
    final Deque<Waiter> waiting = new ArrayDeque<>();
    int connecting;
    long http1Until;
    boolean retired;

    Host(Key key) {
      this.key = key;
    }

    /** Hands out what can be handed out now (caller holds the monitor). */
    void dispatch(List<Runnable> grants) {
      while (!waiting.isEmpty()) {
        Waiter waiter = waiting.peek();
        if (waiter.abandoned()) {
          waiting.poll(); // told, so it can let go of its request
          grants.add(() -> waiter.granted(new Grant.Failed(new IllegalStateException("gone"))));
          continue;
        }
        if (System.currentTimeMillis() < http1Until) {
          waiting.poll();
          grants.add(() -> waiter.granted(new Grant.Http1()));
          continue;
        }
        H2Connection free = null;
        for (H2Connection connection : connections) {
          if (connection.tryReserve()) {
            free = connection;
            break;
          }
        }
        if (free != null) {
          waiting.poll();
          H2Connection slot = free;
          grants.add(() -> waiter.granted(new Grant.Stream(slot)));
          continue;
        }
        boolean settling = connections.stream().anyMatch(H2Connection::awaitingSettings);
        if (connecting == 0 && !settling && connections.size() < MAX_CONNECTIONS_PER_KEY) {
          waiting.poll();
          connecting++;
          grants.add(() -> waiter.granted(new Grant.Connect()));
          continue;
        }
        return; // wait for a slot, a SETTINGS frame or a connection to finish
      }
    }

    @Override
    public String toString() {
      return key.serverName() + ":" + key.port();
    }
  }
}
