package dev.tether.server.policy.judge;

import dev.tether.core.api.JudgeRequest;
import dev.tether.core.api.JudgeResponse;
import dev.tether.server.policy.DeviceIdentity;
import dev.tether.server.policy.TetherException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Answers escalations from enrolled devices with the {@link CloudJudgeModel}.
 *
 * <p>Lifecycle of one escalation, in order: the tenant's {@link CloudJudgeSettings} are read (off:
 * 403); an escalation whose on-device confidence is not below the tenant's threshold is refused
 * (409: the device should not have sent it); the model is loaded on first use in the background
 * (until it is ready: 503); the request runs on a bounded pool ({@value #WORKERS} workers, {@value
 * #QUEUE} queued, more: 503) within the tenant's timeout (over: cancelled, 503). Any failure of the
 * model is 503, never a made-up answer.
 *
 * <p>Never logs, stores or echoes the redacted text; logs carry the decision id and tenant only.
 */
@ApplicationScoped
public class CloudJudgeService {
  static final int WORKERS = 2;
  static final int QUEUE = 32;
  private static final System.Logger LOG = System.getLogger(CloudJudgeService.class.getName());

  @Inject CloudJudgeConfigService config;

  private final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(
          WORKERS,
          WORKERS,
          30,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          r -> {
            Thread t = new Thread(r, "tether-cloud-judge");
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.AbortPolicy());

  private final ModelHolder model;

  public CloudJudgeService() {
    this(CloudJudgeService::loadModel);
  }

  CloudJudgeService(Supplier<CloudJudgeModel> loader) {
    this.model = new ModelHolder(loader);
  }

  private static CloudJudgeModel loadModel() {
    try {
      return CloudJudgeModel.load();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Judges {@code request} for {@code device}.
   *
   * @throws TetherException FORBIDDEN when the tenant turned the cloud judge off, CONFLICT when the
   *     on-device confidence is not below the tenant's threshold
   * @throws CloudJudgeUnavailable when it cannot answer within the tenant's timeout
   */
  public JudgeResponse judge(DeviceIdentity device, JudgeRequest request) {
    CloudJudgeSettings settings = config.settings(device.tenant());
    return judge(device.tenant(), settings, request);
  }

  JudgeResponse judge(String tenant, CloudJudgeSettings settings, JudgeRequest request) {
    if (!settings.enabled()) {
      throw new TetherException(
          TetherException.Kind.FORBIDDEN, "judge: the cloud judge is off for this tenant");
    }
    if (request.localConfidence() >= settings.threshold()) {
      throw new TetherException(
          TetherException.Kind.CONFLICT,
          "judge.localConfidence: escalations must be below the tenant's threshold "
              + settings.threshold()
              + ", got "
              + request.localConfidence());
    }
    return run(tenant, request, settings.timeout());
  }

  /**
   * Classifies for the console's policy simulator ({@code dev.tether.server.policy.simulate}): the
   * same model, pool and bounds as escalations, within {@code timeout}, without the tenant's on/off
   * and threshold checks (an author asking what the model says about a pasted example sends nothing
   * off any device). Never logs the text.
   *
   * @throws CloudJudgeUnavailable while the model loads, at capacity, or over {@code timeout}
   */
  public JudgeResponse classifyForSimulation(
      String tenant, JudgeRequest request, Duration timeout) {
    return run(tenant, request, timeout);
  }

  private JudgeResponse run(String tenant, JudgeRequest request, Duration timeout) {
    CloudJudgeModel m = model.ready();
    Future<JudgeResponse> f;
    try {
      f = pool.submit(() -> m.judge(request));
    } catch (RejectedExecutionException e) {
      throw new CloudJudgeUnavailable("judge: cloud judge at capacity, retry later");
    }
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      LOG.log(
          Level.INFO,
          "cloud judge over its time budget: tenant={0} decision={1} timeout={2}",
          tenant,
          request.decisionId(),
          timeout);
      throw new CloudJudgeUnavailable("judge: no answer within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudJudgeUnavailable("judge: interrupted");
    } catch (ExecutionException e) {
      // The cause's message could quote input; log its type only.
      LOG.log(
          Level.ERROR,
          "cloud judge failed: tenant={0} decision={1} cause={2}",
          tenant,
          request.decisionId(),
          e.getCause() == null ? "?" : e.getCause().getClass().getName());
      throw new CloudJudgeUnavailable("judge: the cloud judge failed");
    }
  }

  @PreDestroy
  void close() {
    pool.shutdownNow();
    model.close();
  }

  /** Loads the model once, in the background, on first use; failures are retried on next use. */
  static final class ModelHolder {
    private final Supplier<CloudJudgeModel> loader;
    private CompletableFuture<CloudJudgeModel> loading;

    ModelHolder(Supplier<CloudJudgeModel> loader) {
      this.loader = loader;
    }

    synchronized CloudJudgeModel ready() {
      if (loading != null && loading.isCompletedExceptionally()) {
        LOG.log(Level.ERROR, "cloud judge model failed to load; retrying");
        loading = null;
      }
      if (loading == null) {
        loading = CompletableFuture.supplyAsync(loader);
      }
      if (!loading.isDone() || loading.isCompletedExceptionally()) {
        throw new CloudJudgeUnavailable("judge: the cloud judge model is loading, retry later");
      }
      return loading.join();
    }

    synchronized void close() {
      if (loading != null && loading.isDone() && !loading.isCompletedExceptionally()) {
        loading.join().close();
      }
    }
  }
}
