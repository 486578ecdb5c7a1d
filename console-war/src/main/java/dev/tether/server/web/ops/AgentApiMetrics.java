package dev.tether.server.web.ops;

import dev.tether.core.api.AuditBatchResult;
import dev.tether.server.web.AgentResource;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Times and counts every agent API call (application-scope metrics, Prometheus at {@code
 * /metrics}):
 *
 * <ul>
 *   <li>{@code tether_agent_request_seconds{op,status}}: latency per operation and status class
 *       (audit upload = ingest latency, bundle = policy poll);
 *   <li>{@code tether_bundle_fetches_total{result=ok|not_modified|error}};
 *   <li>{@code tether_agent_enrollments_total}: successful enrollments;
 *   <li>{@code tether_audit_events_ingested_total} and {@code tether_audit_events_duplicate_total}:
 *       events accepted and skipped as already stored, from the upload's answer.
 * </ul>
 *
 * Runs after the response is built and never changes it; a failure to record is swallowed (a metric
 * must not turn an answered request into an error).
 */
@Provider
@Priority(Priorities.USER)
public class AgentApiMetrics implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String STARTED = AgentApiMetrics.class.getName() + ".started";
  private static final System.Logger LOG = System.getLogger(AgentApiMetrics.class.getName());

  @Inject MetricRegistry registry;
  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    try {
      if (resource == null
          || resource.getResourceClass() == null
          || !AgentResource.class.isAssignableFrom(resource.getResourceClass())
          || !(request.getProperty(STARTED) instanceof Long started)) {
        return;
      }
      AgentCall call = new AgentCall(resource.getResourceMethod().getName(), response.getStatus());
      registry
          .timer(
              "tether_agent_request",
              new Tag("op", call.operation()),
              new Tag("status", call.statusClass()))
          .update(Duration.ofNanos(System.nanoTime() - started));
      if (call.isBundle()) {
        registry.counter("tether_bundle_fetches", new Tag("result", call.bundleResult())).inc();
      } else if (call.isSuccessfulEnrollment()) {
        registry.counter("tether_agent_enrollments").inc();
      } else if (call.isAuditUpload() && response.getEntity() instanceof AuditBatchResult result) {
        registry.counter("tether_audit_events_ingested").inc(result.accepted());
        registry.counter("tether_audit_events_duplicate").inc(result.duplicates());
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "agent API metrics not recorded: {0}", e.toString());
    }
  }
}
