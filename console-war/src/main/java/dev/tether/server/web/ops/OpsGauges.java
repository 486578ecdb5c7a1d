package dev.tether.server.web.ops;

import dev.tether.server.audit.AuditStreamLag;
import dev.tether.server.policy.DeviceService;
import dev.tether.server.policy.identity.AdminSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Gauges read from the shared database when scraped (so every instance reports the fleet-wide
 * value; alert on one instance's series, not their sum):
 *
 * <ul>
 *   <li>{@code tether_console_sessions_active}: console sessions within their timeouts;
 *   <li>{@code tether_devices_active}: devices that enrolled or sent a heartbeat in the last
 *       {@value #ACTIVE_DEVICE_MINUTES} minutes;
 *   <li>{@code tether_audit_stream_pending_events}: events stored but not yet acknowledged by Kafka
 *       (the stream's backlog; absent without a configured cluster, growing while it is away).
 * </ul>
 *
 * A failed read reports NaN instead of a number: never a stale value that looks healthy.
 */
@ApplicationScoped
public class OpsGauges {
  static final int ACTIVE_DEVICE_MINUTES = 5;

  @Inject MetricRegistry registry;
  @Inject AdminSessions sessions;
  @Inject DeviceService devices;
  @Inject AuditStreamLag streamLag;

  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    gauge(
        "tether_console_sessions_active",
        "Console sessions within their idle and absolute timeouts (fleet-wide)",
        () -> (double) sessions.countActive());
    gauge(
        "tether_devices_active",
        "Devices seen (enrollment or heartbeat) in the last 5 minutes (fleet-wide)",
        () ->
            (double)
                devices.countSeenSince(
                    Instant.now().minus(Duration.ofMinutes(ACTIVE_DEVICE_MINUTES))));
    gauge(
        "tether_audit_stream_pending_events",
        "Stored audit events not yet acknowledged by Kafka (NaN: streaming off or unreadable)",
        () -> streamLag.pendingEvents().map(Long::doubleValue).orElse(Double.NaN));
  }

  private void gauge(String name, String description, Supplier<Double> value) {
    registry.gauge(
        Metadata.builder().withName(name).withDescription(description).build(),
        () -> {
          try {
            return value.get();
          } catch (RuntimeException e) {
            return Double.NaN;
          }
        });
  }
}
