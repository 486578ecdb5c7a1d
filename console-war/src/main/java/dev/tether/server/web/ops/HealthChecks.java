package dev.tether.server.web.ops;

import dev.tether.server.audit.AuditLogService;
import dev.tether.server.cluster.InstanceId;
import dev.tether.server.policy.AdminTokens;
import dev.tether.server.policy.BundleRefresher;
import dev.tether.server.policy.DatabaseProbe;
import dev.tether.server.policy.ServerDataDir;
import dev.tether.server.policy.SigningKeyRotation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health ({@code /health}, {@code /health/live}, {@code /health/ready}). Live while
 * the application runs. Ready only when this instance can serve: the database answers a query
 * within {@value #DB_TIMEOUT_SECONDS} s, the data directory takes a write, the keys it signs with
 * are readable, and, when audit uploads go through Kafka, the cluster answers. A load balancer
 * takes an instance that is not ready out of rotation. Every check fails closed (an exception is
 * DOWN) and reports only a short reason, never a secret.
 *
 * <p>With Kafka used only for the audit stream (not ingestion) its state is not a readiness
 * condition: the log is the outbox, nothing is lost while the cluster is away, and taking every
 * instance out because of it would stop policy distribution fleet-wide. Its backlog is the metric
 * {@code tether_audit_stream_pending_events}.
 *
 * <p>Several instances: {@code tether-keys} is DOWN when this instance's checkpoint key or admin
 * token is not the one the database pins (it then signs nothing and accepts no admin token), and
 * {@code tether-cluster} names this instance ({@code tether.instance.id}) and the run-once leases
 * it held at its last tick ({@code deploy/production/RUN-ONCE.md}).
 */
@ApplicationScoped
public class HealthChecks {
  static final int DB_TIMEOUT_SECONDS = 2;
  static final String AUDIT_KEY_FILE = "audit-log.ed25519";
  static final String KAFKA_BOOTSTRAP = "tether.audit.kafka.bootstrap-servers";
  static final String KAFKA_INGEST = "tether.audit.kafka.ingest";

  @Inject DatabaseProbe database;

  @Inject KafkaIngestProbe kafka;
  @Inject AuditLogService auditLog;
  @Inject AdminTokens adminTokens;
  @Inject BundleRefresher refresher;
  @Inject SigningKeyRotation rotation;

  @Produces
  @Liveness
  HealthCheck live() {
    return () -> HealthCheckResponse.up("tether");
  }

  @Produces
  @Readiness
  HealthCheck database() {
    return () -> guarded("tether-database", () -> database.requireAnswer(DB_TIMEOUT_SECONDS));
  }

  @Produces
  @Readiness
  HealthCheck dataDirectory() {
    return () -> guarded("tether-data-dir", () -> DataDirProbe.writable(ServerDataDir.resolve()));
  }

  @Produces
  @Readiness
  HealthCheck signingKeys() {
    return () ->
        guarded(
            "tether-signing-keys",
            () -> DataDirProbe.signingKeysReadable(ServerDataDir.resolve(), AUDIT_KEY_FILE));
  }

  @Produces
  @Readiness
  HealthCheck kafkaIngest() {
    return () -> {
      var config = ConfigProvider.getConfig();
      boolean ingest = config.getOptionalValue(KAFKA_INGEST, Boolean.class).orElse(false);
      Optional<String> servers =
          config.getOptionalValue(KAFKA_BOOTSTRAP, String.class).filter(s -> !s.isBlank());
      if (!ingest || servers.isEmpty()) {
        return new HealthCheckResponse(
            "tether-kafka-ingest",
            HealthCheckResponse.Status.UP,
            Optional.of(java.util.Map.of("enabled", false)));
      }
      return guarded("tether-kafka-ingest", () -> kafka.check(servers.get().trim()));
    };
  }

  @Produces
  @Readiness
  HealthCheck keyPins() {
    return () ->
        guarded(
            "tether-keys",
            () -> {
              Optional<String> problem = auditLog.keyProblem().or(adminTokens::problem);
              if (problem.isPresent()) {
                throw new IllegalStateException(problem.get());
              }
            });
  }

  @Produces
  @Readiness
  HealthCheck cluster() {
    return () -> {
      TreeSet<String> held = new TreeSet<>(auditLog.runOnce().held());
      held.addAll(refresher.runOnce().held());
      if (rotation.runOnce() != null) {
        held.addAll(rotation.runOnce().held());
      }
      return new HealthCheckResponse(
          "tether-cluster",
          HealthCheckResponse.Status.UP,
          Optional.of(Map.of("instance", InstanceId.current(), "leases", String.join(",", held))));
    };
  }

  /** A check body that may throw. */
  interface Probe {
    void run() throws Exception;
  }

  /**
   * Runs {@code probe}: UP when it returns, DOWN with a reason of at most 200 characters when it
   * throws. Built with the response's constructor (no provider lookup), so it works in unit tests.
   */
  static HealthCheckResponse guarded(String name, Probe probe) {
    try {
      probe.run();
      return new HealthCheckResponse(name, HealthCheckResponse.Status.UP, Optional.empty());
    } catch (Exception | LinkageError e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new HealthCheckResponse(
          name,
          HealthCheckResponse.Status.DOWN,
          Optional.of(
              java.util.Map.of(
                  "reason", reason.length() > 200 ? reason.substring(0, 200) : reason)));
    }
  }
}
