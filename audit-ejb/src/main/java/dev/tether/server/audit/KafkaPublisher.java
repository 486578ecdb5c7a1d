package dev.tether.server.audit;

import dev.tether.core.audit.OcsfDataSecurityFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes stored audit events to a Kafka topic for SIEM pipelines, as OCSF Data Security Findings
 * (JSON) keyed by device id (so one device's events stay in order on one partition). The
 * append-only log is the outbox: events go out in leaf-index order from a persisted cursor that
 * advances only after the broker acknowledged every record of a batch ({@code acks=all}, idempotent
 * producer). Delivery is at-least-once; the OCSF {@code metadata.uid} (the event id) lets consumers
 * deduplicate a batch resent after a crash between the acks and the cursor update.
 */
public final class KafkaPublisher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(KafkaPublisher.class.getName());

  /** Events per publishing round. */
  public static final int BATCH = 500;

  private final String topic;
  private final Producer<String, String> producer;
  private final long ackTimeoutMillis;

  KafkaPublisher(String topic, Producer<String, String> producer, long ackTimeoutMillis) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.producer = Objects.requireNonNull(producer, "producer");
    this.ackTimeoutMillis = ackTimeoutMillis;
  }

  /** A publisher with the durable producer settings. */
  public static KafkaPublisher create(String bootstrapServers, String topic) {
    return create(bootstrapServers, topic, 60_000);
  }

  /** As {@link #create(String, String)}, giving up on a round after {@code deliveryTimeoutMs}. */
  static KafkaPublisher create(String bootstrapServers, String topic, int deliveryTimeoutMs) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(15_000, deliveryTimeoutMs / 2));
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(15_000, deliveryTimeoutMs / 2));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "tether-audit-publisher");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaPublisher(topic, new KafkaProducer<>(config), deliveryTimeoutMs + 30_000L);
  }

  /**
   * Publishes up to {@link #BATCH} events after the cursor and advances it; runs in the caller's
   * transaction (which holds the cursor row's lock, so cluster nodes do not publish twice).
   *
   * @return events published (0 when up to date)
   * @throws IllegalStateException if the broker did not acknowledge them; the cursor stays
   */
  public int publishPending(AuditRepository repository) {
    AuditPublishCursor cursor = repository.lockPublishCursor(topic);
    List<AuditRecord> records = repository.recordsFrom(cursor.next(), BATCH);
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    long next = cursor.next();
    for (AuditRecord record : records) {
      if (record.leafIndex() != next) {
        break; // a gap: an uncommitted batch; publish it next round, in order
      }
      Future<RecordMetadata> ack =
          producer.send(
              new ProducerRecord<>(
                  topic,
                  record.toEvent().deviceId(),
                  OcsfDataSecurityFinding.json(record.toEvent())));
      acks.add(ack);
      next++;
      if (ack.isDone()) {
        failFast(ack); // no metadata within max.block: the cluster is away; end this round now
      }
    }
    producer.flush();
    long deadline = System.currentTimeMillis() + ackTimeoutMillis;
    try {
      for (Future<RecordMetadata> ack : acks) {
        ack.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "audit stream: Kafka did not acknowledge " + acks.size() + " events: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("audit stream: interrupted", e);
    }
    cursor.advanceTo(next);
    if (!acks.isEmpty()) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "audit stream: {0} events published to {1}, next leaf {2}",
          acks.size(),
          topic,
          next);
    }
    return acks.size();
  }

  private static void failFast(Future<RecordMetadata> ack) {
    try {
      ack.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("audit stream: Kafka unavailable: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("audit stream: interrupted", e);
    }
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(10));
  }
}
