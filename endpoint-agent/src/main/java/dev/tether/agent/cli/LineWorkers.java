package dev.tether.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs a task for every index of a batch on the calling thread plus up to {@code threads - 1}
 * helper threads (daemon threads, started on the first batch large enough to share). Each index is
 * taken exactly once; {@link #forEach} returns when every index is done. Callers keep results in an
 * array by index, so output order does not depend on scheduling.
 */
final class LineWorkers implements AutoCloseable {
  /** Smallest batch split across threads; smaller ones run on the caller alone. */
  static final int MIN_SHARED_BATCH = 8;

  private final int helpers;
  private ExecutorService pool;

  /** {@code threads} (at least 1) threads work on a batch, the caller included. */
  LineWorkers(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.helpers = threads - 1;
  }

  /** Threads for this machine: its processors, at most 8. */
  static int defaultThreads() {
    return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Calls {@code task} once for every index in {@code [0, count)}, concurrently. An {@link Error}
   * or runtime exception thrown by the task is rethrown here after every thread stopped.
   */
  void forEach(int count, IntConsumer task) {
    if (helpers == 0 || count < MIN_SHARED_BATCH) {
      for (int i = 0; i < count; i++) {
        task.accept(i);
      }
      return;
    }
    if (pool == null) {
      pool =
          Executors.newFixedThreadPool(
              helpers,
              r -> {
                Thread t = new Thread(r, "tether-scan-worker");
                t.setDaemon(true);
                return t;
              });
    }
    AtomicInteger next = new AtomicInteger();
    Runnable work =
        () -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            task.accept(i);
          }
        };
    List<Future<?>> running = new ArrayList<>(helpers);
    for (int h = 0; h < Math.min(helpers, count - 1); h++) {
      running.add(pool.submit(work));
    }
    Throwable failure = null;
    try {
      work.run();
    } catch (RuntimeException | Error e) {
      failure = e;
      next.set(count); // helpers stop after their current index
    }
    for (Future<?> future : running) {
      try {
        future.get();
      } catch (ExecutionException e) {
        failure = failure != null ? failure : e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = failure != null ? failure : new IllegalStateException("interrupted", e);
      }
    }
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
