package dev.tether.server.audit.trace;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The server's ingest tracer, configured by {@value #ENDPOINT} (MicroProfile Config: system
 * property, or environment {@code TETHER_OTEL_ENDPOINT}). Unset or blank: tracing is off and no SDK
 * object exists. A malformed value is logged at ERROR and tracing stays off (ingestion itself never
 * depends on tracing).
 */
@ApplicationScoped
public class AuditTracing {
  public static final String ENDPOINT = "tether.otel.endpoint";
  private static final System.Logger LOG = System.getLogger(AuditTracing.class.getName());

  private IngestTracer tracer = IngestTracer.disabled();

  @PostConstruct
  void start() {
    Optional<String> endpoint = ConfigProvider.getConfig().getOptionalValue(ENDPOINT, String.class);
    if (endpoint.isEmpty() || endpoint.get().isBlank()) {
      return;
    }
    try {
      tracer =
          IngestTracer.otlp(
              endpoint.get(),
              AuditTracing.class.getPackage().getImplementationVersion() == null
                  ? "unknown"
                  : AuditTracing.class.getPackage().getImplementationVersion());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "audit ingestion traces off: {0}", e.getMessage());
    }
  }

  /** The tracer (disabled unless configured). */
  public IngestTracer tracer() {
    return tracer;
  }

  @PreDestroy
  void stop() {
    tracer.close();
  }
}
