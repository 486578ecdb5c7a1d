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

  /** Lazily loads {@link IntentJudge#load()} once; a failed load is retried on the next call. */
  final class Shared implements LocalJudge {
    private static final System.Logger LOG = System.getLogger(LocalJudge.class.getName());
    static final Shared INSTANCE = new Shared();
    private volatile IntentJudge judge;

    private Shared() {}

    @Override
    public Judgement judge(JudgeInput input) {
      return get().judge(input);
    }

    @Override
    public void warmUp() {
      get();
    }

    private IntentJudge get() {
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
