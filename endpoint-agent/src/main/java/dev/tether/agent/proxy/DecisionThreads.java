package dev.tether.agent.proxy;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool that runs decisions off the event loops. A decision is CPU work (decoding,
 * recognition, the rule engine) followed by a wait: its audit records must be on disk (fdatasync)
 * before it is released. The spool's group commit makes one fdatasync cover every decision waiting
 * at that moment, so the pool holds more threads than cores: with only one thread per core, at most
 * that many decisions could share a sync (a ~5 ms fdatasync then capped a 2-core agent near 400
 * decisions/s); with {@link #threads} of them, concurrent decisions batch into one sync while the
 * cores keep deciding. The queue is bounded: when it is full the request is refused (blocked, never
 * forwarded undecided).
 */
public final class DecisionThreads {
  /** Overrides {@link #threads}: a positive thread count (e.g. for benchmarks or a slow disk). */
  public static final String PROPERTY = "tether.decision.threads";

  /** Queued decisions beyond the running ones before new requests are refused as overload. */
  public static final int QUEUE_BOUND = 1024;

  private DecisionThreads() {}

  /** Threads for {@code cores} processors: 8 per core, at least 16, at most 128. */
  public static int threads(int cores) {
    return Math.min(128, Math.max(16, 8 * cores));
  }

  static int configured(String setting) {
    if (setting == null) {
      return threads(Runtime.getRuntime().availableProcessors());
    }
    try {
      int threads = Integer.parseInt(setting.trim());
      if (threads >= 1 && threads <= 1024) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(PROPERTY + ": expected 1..1024, got " + setting);
  }

  /** A new pool of daemon threads named {@code <prefix>-N}, sized for this machine. */
  public static ThreadPoolExecutor create(String prefix) {
    int threads = configured(System.getProperty(PROPERTY));
    AtomicInteger counter = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE_BOUND),
            r -> {
              Thread t = new Thread(r, prefix + "-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true); // idle agents give the threads back
    return pool;
  }
}
