package dev.tether.server.audit.trace;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Creates the ingest trace of each uploaded batch. {@link #disabled()} holds no SDK and creates
 * nothing. {@link #otlp} exports from the SDK's batch thread through a bounded queue ({@value
 * #MAX_QUEUE} spans; over it spans are dropped by the SDK), so a slow collector never slows
 * ingestion. Thread-safe.
 */
public final class IngestTracer implements AutoCloseable {
  static final String INGEST = "tether.audit.ingest";
  static final String STORE = "tether.audit.store";
  static final int MAX_QUEUE = 2048;
  private static final int MAX_TRACEPARENT = 512;
  private static final System.Logger LOG = System.getLogger(IngestTracer.class.getName());

  private static final TextMapGetter<String> TRACEPARENT =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
          return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
          return "traceparent".equals(key) ? carrier : null;
        }
      };

  private final SdkTracerProvider provider;
  private final Tracer tracer;

  private IngestTracer(SdkTracerProvider provider) {
    this.provider = provider;
    this.tracer = provider == null ? null : provider.get("dev.tether.server.audit");
  }

  /** Nothing traced. */
  public static IngestTracer disabled() {
    return new IngestTracer(null);
  }

  /**
   * Exports ingest traces to {@code endpoint} (OTLP/HTTP traces URL; a URL without a path gets
   * {@code /v1/traces}).
   *
   * @throws IllegalArgumentException naming {@code tether.otel.endpoint} if the URL is not an
   *     absolute http(s) URL with a host and without user info
   */
  public static IngestTracer otlp(String endpoint, String serviceVersion) {
    URI uri = endpointUri(endpoint);
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(uri.toString())
            .setTimeout(Duration.ofSeconds(5))
            .setCompression("gzip")
            .build();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setSampler(Sampler.alwaysOn())
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.builder()
                                .put("service.name", "tether-server")
                                .put("service.version", serviceVersion)
                                .build())))
            .addSpanProcessor(
                BatchSpanProcessor.builder(exporter)
                    .setMaxQueueSize(MAX_QUEUE)
                    .setScheduleDelay(Duration.ofSeconds(1))
                    .setExporterTimeout(Duration.ofSeconds(5))
                    .build())
            .build();
    LOG.log(System.Logger.Level.INFO, "audit ingestion traces exported to {0}", uri);
    return new IngestTracer(provider);
  }

  static URI endpointUri(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint.trim());
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException(
          "tether.otel.endpoint: expected a URL, got \"" + endpoint + "\"");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getUserInfo() != null
        || uri.getQuery() != null) {
      throw new IllegalArgumentException(
          "tether.otel.endpoint: expected an http or https URL with a host, without user info or"
              + " query, got \""
              + endpoint
              + "\"");
    }
    return uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/")
        ? uri.resolve("/v1/traces")
        : uri;
  }

  public boolean enabled() {
    return tracer != null;
  }

  /**
   * Opens the ingest span of one batch. A valid W3C {@code traceparent} (from the agent's upload)
   * becomes its remote parent; a missing, oversized or malformed one starts a new trace.
   *
   * @param tenant the device's tenant
   * @param deviceId the authenticated device
   * @param events events in the batch
   */
  public IngestTrace start(String traceparent, String tenant, String deviceId, int events) {
    if (tracer == null) {
      return IngestTrace.NONE;
    }
    try {
      Context parent = Context.root();
      if (traceparent != null && traceparent.length() <= MAX_TRACEPARENT) {
        parent =
            W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), traceparent.trim(), TRACEPARENT);
      }
      Span span =
          tracer
              .spanBuilder(INGEST)
              .setParent(parent)
              .setSpanKind(SpanKind.SERVER)
              .setAttribute("tether.tenant", tenant)
              .setAttribute("tether.device.id", deviceId)
              .setAttribute("tether.audit.events", (long) events)
              .startSpan();
      return new OtelIngestTrace(tracer, span);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "audit ingest trace not started ({0})",
          e.getClass().getSimpleName());
      return IngestTrace.NONE;
    }
  }

  /** Sends what is queued, waiting at most {@code timeout}. */
  public void flush(Duration timeout) {
    if (provider != null) {
      provider.forceFlush().join(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    if (provider != null) {
      provider.shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  /** The spans of one batch; confined to the ingesting thread. */
  private static final class OtelIngestTrace implements IngestTrace {
    private final Tracer tracer;
    private final Span ingest;
    private Span store;

    OtelIngestTrace(Tracer tracer, Span ingest) {
      this.tracer = tracer;
      this.ingest = ingest;
    }

    @Override
    public String traceId() {
      return ingest.getSpanContext().getTraceId();
    }

    @Override
    public void storeStarted(int attempt) {
      try {
        store =
            tracer
                .spanBuilder(STORE)
                .setParent(Context.root().with(ingest))
                .setAttribute("tether.audit.attempt", (long) attempt)
                .startSpan();
      } catch (RuntimeException e) {
        store = null;
      }
    }

    @Override
    public void storeEnded(long accepted, long duplicates, Throwable failure) {
      Span span = store;
      store = null;
      if (span != null) {
        outcome(span, accepted, duplicates, failure);
      }
    }

    @Override
    public void end(long accepted, long duplicates, Throwable failure) {
      outcome(ingest, accepted, duplicates, failure);
    }

    private static void outcome(Span span, long accepted, long duplicates, Throwable failure) {
      try {
        span.setAttribute("tether.audit.accepted", accepted);
        span.setAttribute("tether.audit.duplicates", duplicates);
        if (failure != null) {
          // the class name only: messages may quote event fields
          span.setAttribute("error.type", failure.getClass().getName());
          span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        }
      } catch (RuntimeException e) {
        // tracing never fails ingestion
      } finally {
        span.end();
      }
    }
  }
}
