package dev.tether.server.audit;

import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.audit.AuditEvent;
import java.time.Duration;
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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts accepted audit events on the ingest topic, one record per event ({@link IngestEnvelope}
 * JSON) keyed by device id, so one device's events stay in order on one partition. {@link #send}
 * returns only after the broker acknowledged every record ({@code acks=all}: in-sync replicas have
 * it; idempotent producer: the producer's own retries add no duplicates); otherwise it throws and
 * the agent keeps the batch and retries. Records of a failed call that did reach the topic are
 * deduplicated by event id when stored. Thread-safe (one producer shared by all requests).
 */
public final class KafkaIngestProducer implements AutoCloseable {
  /** Default bound on one upload's wait for the broker's acknowledgements. */
  public static final int DEFAULT_DELIVERY_TIMEOUT_MS = 30_000;

  private final String topic;
  private final Producer<String, String> producer;
  private final long ackWaitMillis;

  KafkaIngestProducer(String topic, Producer<String, String> producer, long ackWaitMillis) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.producer = Objects.requireNonNull(producer, "producer");
    this.ackWaitMillis = ackWaitMillis;
  }

  /**
   * A producer with the durable settings; an upload waits at most about {@code deliveryTimeoutMs}
   * (metadata included) before it fails.
   */
  public static KafkaIngestProducer create(
      String bootstrapServers, String topic, int deliveryTimeoutMs) {
    if (deliveryTimeoutMs < 2_000) {
      throw new IllegalArgumentException(
          "deliveryTimeoutMs: expected >= 2000, got " + deliveryTimeoutMs);
    }
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, deliveryTimeoutMs / 2);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeoutMs / 2);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "tether-audit-ingest");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaIngestProducer(topic, new KafkaProducer<>(config), deliveryTimeoutMs + 5_000L);
  }

  /**
   * Sends the submission's events and waits for every acknowledgement.
   *
   * @return the events accepted (all of them; duplicates are found when stored)
   * @throws AuditUnavailableException if any record was not acknowledged in time
   */
  public AuditBatchResult send(AuditSubmission submission) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(submission.events().size());
    long deadline = System.currentTimeMillis() + ackWaitMillis;
    try {
      for (AuditEvent event : submission.events()) {
        IngestEnvelope envelope =
            IngestEnvelope.of(submission.source(), event, submission.links().get(event.eventId()));
        Future<RecordMetadata> ack =
            producer.send(new ProducerRecord<>(topic, event.deviceId(), envelope.json()));
        acks.add(ack);
        if (ack.isDone()) {
          // failed at once (e.g. no metadata within max.block.ms: the cluster is away); each
          // further send would block as long again, so give up on the whole upload now
          ack.get();
        }
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException e) {
      throw unavailable(submission, e.getCause());
    } catch (TimeoutException | KafkaException e) {
      throw unavailable(submission, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(submission, e);
    }
    return new AuditBatchResult(acks.size(), 0);
  }

  private AuditUnavailableException unavailable(AuditSubmission submission, Throwable cause) {
    return new AuditUnavailableException(
        "audit ingest: Kafka topic "
            + topic
            + " did not acknowledge "
            + submission.events().size()
            + " events of device "
            + submission.source().deviceId()
            + " ("
            + cause
            + "); retry later",
        cause);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
