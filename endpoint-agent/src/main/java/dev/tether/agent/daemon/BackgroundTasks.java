package dev.tether.agent.daemon;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs the daemon's periodic work (policy poll, heartbeat, audit upload, status) on one thread, so
 * tasks never race each other. Each task is jittered and backs off exponentially while it fails.
 */
final class BackgroundTasks implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BackgroundTasks.class.getName());

  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "tether-background");
            t.setDaemon(true);
            return t;
          });

  /** A repeating task; {@link #now()} runs it as soon as possible. */
  final class Task {
    private final String name;
    private final Duration min;
    private final Duration max;
    private final Duration maxBackoff;
    private final BooleanSupplier body;
    private int failures;
    private ScheduledFuture<?> next;

    private Task(String name, Duration min, Duration max, BooleanSupplier body) {
      this.name = name;
      this.min = min;
      this.max = max;
      this.maxBackoff = max.compareTo(Duration.ofMinutes(5)) > 0 ? max : Duration.ofMinutes(5);
      this.body = body;
    }

    synchronized void schedule(Duration delay) {
      if (scheduler.isShutdown()) {
        return;
      }
      if (next != null) {
        next.cancel(false);
      }
      next = scheduler.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void now() {
      schedule(Duration.ZERO);
    }

    private void run() {
      boolean ok;
      try {
        ok = body.getAsBoolean();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "background task {0} failed: {1}", name, e.toString());
        ok = false;
      }
      failures = ok ? 0 : Math.min(failures + 1, 16);
      schedule(delay());
    }

    /**
     * After a success: uniform in [min, max]. After {@code n} failures in a row: the midpoint times
     * 2^n, capped at max(max, 5m), jittered by +-20 % (so agents that lost the server together do
     * not come back together).
     */
    private Duration delay() {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      if (failures == 0) {
        return Duration.ofMillis(random.nextLong(min.toMillis(), max.toMillis() + 1));
      }
      long mid = (min.toMillis() + max.toMillis()) / 2;
      long base = Math.min(maxBackoff.toMillis(), mid << Math.min(failures, 10));
      return Duration.ofMillis((long) (base * (0.8 + 0.4 * random.nextDouble())));
    }
  }

  /** A task repeating every {@code interval}, jittered by +-20 %. */
  Task every(String name, Duration interval, BooleanSupplier body) {
    long millis = interval.toMillis();
    return every(
        name, Duration.ofMillis(millis * 8 / 10), Duration.ofMillis(millis * 12 / 10), body);
  }

  /** A task repeating after a wait drawn uniformly from [min, max] while it succeeds. */
  Task every(String name, Duration min, Duration max, BooleanSupplier body) {
    return new Task(name, min, max, body);
  }

  @Override
  public void close() throws InterruptedException {
    scheduler.shutdownNow();
    scheduler.awaitTermination(5, TimeUnit.SECONDS);
  }
}
