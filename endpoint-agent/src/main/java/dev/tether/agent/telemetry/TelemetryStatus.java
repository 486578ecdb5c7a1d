package dev.tether.agent.telemetry;

/**
 * Export counters since start, for {@code status}.
 *
 * @param enabled whether an OTLP endpoint is configured
 * @param endpoint the endpoint, or {@code null}
 * @param exportedSpans spans the collector accepted
 * @param failedSpans spans in export calls that failed (collector down, refused, timed out)
 * @param droppedSpans spans dropped because the export queue was full
 * @param queuedSpans spans waiting for export now
 */
public record TelemetryStatus(
    boolean enabled,
    String endpoint,
    long exportedSpans,
    long failedSpans,
    long droppedSpans,
    long queuedSpans) {

  /** Tracing off. */
  public static final TelemetryStatus DISABLED = new TelemetryStatus(false, null, 0, 0, 0, 0);
}
