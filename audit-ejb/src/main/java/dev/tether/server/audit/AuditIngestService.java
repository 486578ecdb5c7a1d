package dev.tether.server.audit;

import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.audit.AuditEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Kafka as the ingestion path, on when {@value #INGEST} is {@code true} (with {@value
 * AuditStreamService#BOOTSTRAP} set): uploads go to the ingest topic ({@link KafkaIngestProducer})
 * and a consumer thread in this server stores them ({@link KafkaIngestConsumer}, consumer group
 * {@value #GROUP}: every server instance joins it and gets a share of the partitions). Off by
 * default: uploads are then stored directly. A setting of {@value #INGEST} without bootstrap
 * servers fails the deployment rather than silently ingesting some other way.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuditIngestService {
  static final String INGEST = "tether.audit.kafka.ingest";
  static final String TOPIC = "tether.audit.kafka.ingest-topic";
  static final String DEFAULT_TOPIC = "tether.audit.ingest";
  static final String GROUP = "tether.audit.kafka.ingest-group";
  static final String DEFAULT_GROUP = "tether-audit-ingest";
  static final String TIMEOUT = "tether.audit.kafka.ingest-timeout-ms";

  private static final System.Logger LOG = System.getLogger(AuditIngestService.class.getName());
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  @Inject AuditWriter writer;
  @Inject AuditRepository repository;

  @Resource ManagedThreadFactory threads;

  private volatile KafkaIngestProducer producer;
  private volatile KafkaIngestConsumer consumer;
  private volatile boolean running;
  private Thread loop;

  @PostConstruct
  void start() {
    Config config = ConfigProvider.getConfig();
    if (!config.getOptionalValue(INGEST, Boolean.class).orElse(false)) {
      return;
    }
    String servers =
        config.getOptionalValue(AuditStreamService.BOOTSTRAP, String.class).orElse("").trim();
    if (servers.isEmpty()) {
      throw new IllegalStateException(
          INGEST + "=true needs " + AuditStreamService.BOOTSTRAP + " (the Kafka cluster)");
    }
    String topic = config.getOptionalValue(TOPIC, String.class).orElse(DEFAULT_TOPIC);
    String group = config.getOptionalValue(GROUP, String.class).orElse(DEFAULT_GROUP);
    int timeout =
        config
            .getOptionalValue(TIMEOUT, Integer.class)
            .orElse(KafkaIngestProducer.DEFAULT_DELIVERY_TIMEOUT_MS);
    producer = KafkaIngestProducer.create(servers, topic, timeout);
    running = true;
    loop = threads.newThread(() -> consume(servers, topic, group));
    loop.setName("tether-audit-ingest-consumer");
    loop.start();
    LOG.log(
        System.Logger.Level.INFO,
        "audit ingest: through Kafka topic {0}, consumer group {1}",
        topic,
        group);
  }

  /** Whether uploads go through Kafka. */
  public boolean enabled() {
    return producer != null;
  }

  /**
   * Puts the new events of {@code submission} on the ingest topic and waits for the broker's
   * acknowledgement; events already stored are counted as duplicates and not sent again.
   *
   * @throws AuditUnavailableException if Kafka did not acknowledge in time
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public AuditBatchResult submit(AuditSubmission submission) {
    Set<String> stored =
        repository.existingEventIds(
            submission.events().stream().map(AuditEvent::eventId).distinct().toList());
    AuditSubmission fresh =
        new AuditSubmission(
            submission.source(),
            submission.events().stream().filter(e -> !stored.contains(e.eventId())).toList(),
            submission.links());
    if (fresh.events().isEmpty()) {
      return new AuditBatchResult(0, submission.events().size());
    }
    AuditBatchResult sent = producer.send(fresh);
    return new AuditBatchResult(
        sent.accepted(), submission.events().size() - fresh.events().size());
  }

  private void consume(String servers, String topic, String group) {
    int failures = 0;
    try (KafkaIngestConsumer c =
        KafkaIngestConsumer.create(
            servers, topic, group, KafkaIngestConsumer.DEFAULT_MAX_POLL_RECORDS)) {
      consumer = c;
      while (running) {
        try {
          c.pollOnce(Duration.ofSeconds(1), writer::storeAll);
          failures = 0;
        } catch (WakeupException e) {
          break;
        } catch (RuntimeException e) {
          failures++;
          long wait = Math.min(MAX_BACKOFF.toMillis(), 200L << Math.min(failures, 8));
          LOG.log(
              System.Logger.Level.WARNING,
              "audit ingest: storing from Kafka failed {0} time(s), retrying in {1} ms: {2}",
              failures,
              wait,
              e.toString());
          Thread.sleep(wait);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "audit ingest: consumer stopped", e);
    }
  }

  @PreDestroy
  void stop() {
    running = false;
    KafkaIngestConsumer c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (loop != null) {
      try {
        loop.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (producer != null) {
      producer.close();
    }
  }
}
