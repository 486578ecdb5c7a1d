package dev.tether.agent.telemetry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * Where and how decision traces are exported.
 *
 * @param endpoint the OTLP/HTTP traces URL (e.g. {@code http://127.0.0.1:4318/v1/traces}); {@code
 *     null} disables tracing entirely (the default)
 * @param maxQueuedSpans spans waiting for export at most; more are dropped and counted, default
 *     {@value #DEFAULT_MAX_QUEUED_SPANS}
 * @param exportTimeout bound on one export call, default {@link #DEFAULT_EXPORT_TIMEOUT}
 */
public record TelemetryConfig(URI endpoint, int maxQueuedSpans, Duration exportTimeout) {
  public static final int DEFAULT_MAX_QUEUED_SPANS = 4096;
  public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_QUEUED_SPANS = 1 << 16;

  /** Tracing off: the default. */
  public static final TelemetryConfig DISABLED =
      new TelemetryConfig(null, DEFAULT_MAX_QUEUED_SPANS, DEFAULT_EXPORT_TIMEOUT);

  public TelemetryConfig {
    if (maxQueuedSpans < 1 || maxQueuedSpans > MAX_QUEUED_SPANS) {
      throw new IllegalArgumentException(
          "otlp.maxQueuedSpans: expected 1.." + MAX_QUEUED_SPANS + ", got " + maxQueuedSpans);
    }
    if (exportTimeout == null || exportTimeout.isNegative() || exportTimeout.isZero()) {
      throw new IllegalArgumentException(
          "otlp.exportTimeout: expected a positive duration, got " + exportTimeout);
    }
  }

  /** Whether traces are exported at all. */
  public boolean enabled() {
    return endpoint != null;
  }

  /**
   * Parses {@code --otlp-endpoint}: an absolute {@code http} or {@code https} URL without user
   * info; a URL without a path gets the OTLP default {@code /v1/traces}. {@code null} or blank
   * means disabled.
   */
  public static TelemetryConfig forEndpoint(String value) {
    if (value == null || value.isBlank()) {
      return DISABLED;
    }
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("otlp-endpoint: expected a URL, got \"" + value + "\"");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "otlp-endpoint: expected an http or https URL with a host, got \"" + value + "\"");
    }
    if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          "otlp-endpoint: expected no user info, query or fragment, got \"" + value + "\"");
    }
    if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/")) {
      uri = uri.resolve("/v1/traces");
    }
    return new TelemetryConfig(uri, DEFAULT_MAX_QUEUED_SPANS, DEFAULT_EXPORT_TIMEOUT);
  }
}
