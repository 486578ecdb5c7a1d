package dev.tether.agent.pipeline;

import dev.tether.models.judge.IntentJudge;
import dev.tether.models.judge.JudgeInput;
import dev.tether.models.judge.Judgement;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The on-device judge as the pipeline sees it.
 *
 * <p>Lifecycle: one instance per process ({@link #shared()}), loaded on first use or by {@link
 * #warmUp()} at start-up. {@link #judge} is called by the judge stage on decision threads and must
 * be thread-safe. It never does network I/O. If loading fails, every call throws, so every judged
 * request is blocked (fail closed), and the cause is logged at ERROR.
 */
public interface LocalJudge {
  Judgement judge(JudgeInput input);

  /** Loads the model now (so the first request does not pay for it). */
  default void warmUp() {}

  /** The bundled ONNX judge of this process, loaded once on first use. */
  static LocalJudge shared() {
    return Shared.INSTANCE;
  }

  /**
   * Lazily loads {@link IntentJudge#load()} once; a failed load is retried on the next call.
   *
   * <p>Shutdown: a JVM shutdown hook waits (bounded) for a load or inference in progress and then
   * refuses new calls, so no thread is inside ONNX Runtime's native code while the process exits
   * (its native teardown would crash the JVM). Calls refused during shutdown throw: the request is
   * blocked (fail closed).
   */
  final class Shared implements LocalJudge {
    private static final System.Logger LOG = System.getLogger(LocalJudge.class.getName());
    private static final long SHUTDOWN_WAIT_SECONDS = 20;
    static final Shared INSTANCE = new Shared();

    static {
      Runtime.getRuntime().addShutdownHook(new Thread(INSTANCE::quiesce, "tether-judge-shutdown"));
    }

    private final java.util.concurrent.locks.ReentrantReadWriteLock inNative =
        new java.util.concurrent.locks.ReentrantReadWriteLock();
    private volatile boolean shuttingDown;
    private volatile IntentJudge judge;

    private Shared() {}

    @Override
    public Judgement judge(JudgeInput input) {
      inNative.readLock().lock();
      try {
        return get().judge(input);
      } finally {
        inNative.readLock().unlock();
      }
    }

    @Override
    public void warmUp() {
      inNative.readLock().lock();
      try {
        get();
      } finally {
        inNative.readLock().unlock();
      }
    }

    /** Waits for native work in progress, then refuses new work (the lock is never released). */
    private void quiesce() {
      shuttingDown = true;
      try {
        if (!inNative
            .writeLock()
            .tryLock(SHUTDOWN_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
          LOG.log(System.Logger.Level.WARNING, "on-device judge still busy at shutdown");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private IntentJudge get() {
      if (shuttingDown) {
        throw new IllegalStateException("agent shutting down: on-device judge unavailable");
      }
      IntentJudge j = judge;
      if (j != null) {
        return j;
      }
      synchronized (this) {
        if (judge == null) {
          long started = System.nanoTime();
          try {
            judge = IntentJudge.load();
          } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "on-device judge failed to load: {0}", e.toString());
            throw new UncheckedIOException(e);
          } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.ERROR, "on-device judge failed to load: {0}", e.toString());
            throw e;
          }
          LOG.log(
              System.Logger.Level.INFO,
              "on-device judge {0} loaded in {1} ms",
              judge.model(),
              (System.nanoTime() - started) / 1_000_000);
        }
        return judge;
      }
    }
  }
}
