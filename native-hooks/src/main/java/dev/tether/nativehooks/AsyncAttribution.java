package dev.tether.nativehooks;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a {@link ProcessAttribution} off the data path: on its own small pool with a bounded queue,
 * each lookup answered within {@code timeout}. A full queue, a timeout or an exception gives an
 * empty result (counted in {@link #unattributed()}), never a blocked connection and never a thrown
 * exception on the caller's thread.
 */
public final class AsyncAttribution implements AutoCloseable {
  /** Lookups waiting beyond this many are answered empty at once. */
  public static final int MAX_QUEUED = 256;

  private final ProcessAttribution delegate;
  private final Duration timeout;
  private final ThreadPoolExecutor pool;
  private final AtomicLong unattributed = new AtomicLong();

  public AsyncAttribution(ProcessAttribution delegate, Duration timeout) {
    this.delegate = delegate;
    this.timeout = timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("attribution.timeout: expected > 0, got " + timeout);
    }
    this.pool =
        new ThreadPoolExecutor(
            1,
            2,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED),
            r -> {
              Thread t = new Thread(r, "tether-attribution");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts a lookup; the future always completes (empty on failure) within the timeout. */
  public CompletableFuture<Optional<ProcessInfo>> lookup(
      InetSocketAddress client, InetSocketAddress destination) {
    CompletableFuture<Optional<ProcessInfo>> result;
    try {
      result = CompletableFuture.supplyAsync(() -> delegate.lookup(client, destination), pool);
    } catch (RejectedExecutionException e) {
      unattributed.incrementAndGet();
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return result
        .completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (info, error) -> {
              if (error != null || info == null || info.isEmpty()) {
                unattributed.incrementAndGet();
                return Optional.empty();
              }
              return info;
            });
  }

  /**
   * Whether the client socket is this process's own, within the timeout; empty on timeout, a full
   * queue or an error (callers fail closed on empty).
   */
  public CompletableFuture<Optional<Boolean>> ownedByThisProcess(
      InetSocketAddress client, InetSocketAddress destination) {
    try {
      return CompletableFuture.supplyAsync(
              () -> delegate.ownedByThisProcess(client, destination), pool)
          .completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS)
          .exceptionally(e -> Optional.empty());
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
  }

  /** Connections whose process could not be determined (gone, timed out, queue full, error). */
  public long unattributed() {
    return unattributed.get();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
