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
    private final Duration interval;
    private final Duration maxBackoff;
    private final BooleanSupplier body;
    private int failures;
    private ScheduledFuture<?> next;

    private Task(String name, Duration interval, BooleanSupplier body) {
      this.name = name;
      this.interval = interval;
      this.maxBackoff =
          interval.compareTo(Duration.ofMinutes(5)) > 0 ? interval : Duration.ofMinutes(5);
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

    private Duration delay() {
      long base = interval.toMillis();
      if (failures > 0) {
        base = Math.min(maxBackoff.toMillis(), base << Math.min(failures, 10));
      }
      double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
      return Duration.ofMillis((long) (base * jitter));
    }
  }

  Task every(String name, Duration interval, BooleanSupplier body) {
    return new Task(name, interval, body);
  }

  @Override
  public void close() throws InterruptedException {
    scheduler.shutdownNow();
    scheduler.awaitTermination(5, TimeUnit.SECONDS);
  }
}
