package dev.tether.agent.telemetry;

import dev.tether.agent.pipeline.DecisionTrace;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.core.api.AuditBatchResult;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Creates one {@link DecisionTrace} per decision. {@link #disabled()} returns {@link
 * DecisionTrace#NONE} and holds no SDK, thread or socket; {@link #otlp} exports over OTLP/HTTP
 * (protobuf, JDK HttpClient) from the SDK's batch thread through a bounded queue ({@link
 * ExportGate}). Thread-safe.
 *
 * <p>Guarantees: {@link #start} never throws and never blocks on the network; a failing tracer
 * yields an untraced decision, never a changed one.
 */
public final class DecisionTracer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(DecisionTracer.class.getName());
  static final String INSTRUMENTATION = "dev.tether.agent";
  static final String UPLOAD = "tether.audit.upload";

  private final TelemetryConfig config;
  private final SdkTracerProvider provider;
  private final Tracer tracer;
  private final ExportGate gate;

  private DecisionTracer(
      TelemetryConfig config, SdkTracerProvider provider, Tracer tracer, ExportGate gate) {
    this.config = config;
    this.provider = provider;
    this.tracer = tracer;
    this.gate = gate;
  }

  /** No tracing: every decision gets {@link DecisionTrace#NONE}. */
  public static DecisionTracer disabled() {
    return new DecisionTracer(TelemetryConfig.DISABLED, null, null, null);
  }

  /**
   * Traces every decision and exports to {@code config.endpoint()}; disabled if no endpoint is set.
   *
   * @param deviceId stamped as {@code service.instance.id} on the resource
   * @param agentVersion stamped as {@code service.version}
   */
  public static DecisionTracer otlp(TelemetryConfig config, String deviceId, String agentVersion) {
    Objects.requireNonNull(config, "config");
    if (!config.enabled()) {
      return disabled();
    }
    ExportGate gate = new ExportGate(config.maxQueuedSpans());
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(config.endpoint().toString())
            .setTimeout(config.exportTimeout())
            .setCompression("gzip")
            .build();
    BatchSpanProcessor batch =
        BatchSpanProcessor.builder(gate.counting(exporter))
            .setMaxQueueSize(config.maxQueuedSpans())
            .setMaxExportBatchSize(Math.min(512, config.maxQueuedSpans()))
            .setScheduleDelay(Duration.ofSeconds(1))
            .setExporterTimeout(config.exportTimeout())
            .build();
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.builder()
                        .put("service.name", "tether-agent")
                        .put("service.version", agentVersion == null ? "unknown" : agentVersion)
                        .put("service.instance.id", deviceId)
                        .build()));
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(resource)
            .setSampler(Sampler.alwaysOn())
            .addSpanProcessor(gate.gating(batch))
            .build();
    LOG.log(System.Logger.Level.INFO, "decision traces exported to {0}", config.endpoint());
    return new DecisionTracer(config, provider, provider.get(INSTRUMENTATION, agentVersion), gate);
  }

  /** Whether decisions are traced. */
  public boolean enabled() {
    return tracer != null;
  }

  /** Opens the root span of one decision; {@link DecisionTrace#NONE} when disabled or failing. */
  public DecisionTrace start(InspectedRequest request) {
    if (tracer == null) {
      return DecisionTrace.NONE;
    }
    try {
      return OtelDecisionTrace.start(tracer, request);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "decision={0}: trace not started ({1})",
          request.decisionId(),
          e.getClass().getSimpleName());
      return DecisionTrace.NONE;
    }
  }

  /** One upload of audit records, given the W3C traceparent to send (or {@code null}). */
  @FunctionalInterface
  public interface Upload {
    AuditBatchResult send(String traceparent) throws IOException, InterruptedException;
  }

  /**
   * Runs one audit upload inside a {@code tether.audit.upload} span (kind CLIENT) and hands the
   * span's W3C {@code traceparent} to {@code upload}, so the server's ingest span becomes its
   * child. Disabled: runs {@code upload} with {@code null}. The upload's outcome is unchanged.
   */
  public AuditBatchResult traceUpload(int events, Upload upload)
      throws IOException, InterruptedException {
    Span span;
    try {
      span = tracer == null ? null : startUpload(events);
    } catch (RuntimeException e) {
      span = null;
    }
    if (span == null) {
      return upload.send(null);
    }
    SpanContext context = span.getSpanContext();
    String traceparent =
        "00-"
            + context.getTraceId()
            + "-"
            + context.getSpanId()
            + "-"
            + context.getTraceFlags().asHex();
    try {
      AuditBatchResult result = upload.send(traceparent);
      span.setAttribute("tether.audit.accepted", (long) result.accepted());
      span.setAttribute("tether.audit.duplicates", (long) result.duplicates());
      return result;
    } catch (IOException | InterruptedException | RuntimeException e) {
      span.setAttribute("error.type", e.getClass().getName());
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }

  private Span startUpload(int events) {
    return tracer
        .spanBuilder(UPLOAD)
        .setNoParent()
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("tether.audit.events", (long) events)
        .startSpan();
  }

  /** Export counters for {@code status}. */
  public TelemetryStatus status() {
    if (gate == null) {
      return TelemetryStatus.DISABLED;
    }
    return new TelemetryStatus(
        true,
        config.endpoint().toString(),
        gate.exported(),
        gate.failed(),
        gate.dropped(),
        gate.queued());
  }

  /** Sends what is queued (bounded by {@code timeout}); for shutdown and tests. */
  public void flush(Duration timeout) {
    if (provider != null) {
      provider.forceFlush().join(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Flushes for at most 5 s and stops the export thread. */
  @Override
  public void close() {
    if (provider != null) {
      provider.shutdown().join(5, TimeUnit.SECONDS);
    }
  }
}
