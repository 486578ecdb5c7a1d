package dev.tether.server.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Streams stored audit events to Kafka when {@value #BOOTSTRAP} is configured (MicroProfile Config:
 * system property or environment {@code TETHER_AUDIT_KAFKA_BOOTSTRAP_SERVERS}); topic {@value
 * #TOPIC} (default {@value #DEFAULT_TOPIC}). Every 5 seconds it publishes what was stored since the
 * cursor ({@link KafkaPublisher}); an unreachable cluster is retried on the next tick and nothing
 * is skipped. Without the setting it does nothing.
 */
@Singleton
@Startup
public class AuditStreamService {
  static final String BOOTSTRAP = "tether.audit.kafka.bootstrap-servers";
  static final String TOPIC = "tether.audit.kafka.topic";
  static final String DEFAULT_TOPIC = "tether.audit.ocsf";
  private static final System.Logger LOG = System.getLogger(AuditStreamService.class.getName());

  @Inject AuditRepository repository;

  private KafkaPublisher publisher;

  @PostConstruct
  void start() {
    Optional<String> servers = ConfigProvider.getConfig().getOptionalValue(BOOTSTRAP, String.class);
    if (servers.isEmpty() || servers.get().isBlank()) {
      return;
    }
    String topic =
        ConfigProvider.getConfig().getOptionalValue(TOPIC, String.class).orElse(DEFAULT_TOPIC);
    publisher = KafkaPublisher.create(servers.get().trim(), topic);
    LOG.log(
        System.Logger.Level.INFO, "audit stream: publishing OCSF events to Kafka topic {0}", topic);
  }

  @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
  void publish() {
    if (publisher == null) {
      return;
    }
    try {
      while (publisher.publishPending(repository) == KafkaPublisher.BATCH) {
        // more pending: keep going within this tick
      }
    } catch (IllegalStateException e) {
      LOG.log(System.Logger.Level.INFO, "audit stream: will retry: {0}", e.getMessage());
    }
  }

  @PreDestroy
  void stop() {
    if (publisher != null) {
      publisher.close();
    }
  }
}
