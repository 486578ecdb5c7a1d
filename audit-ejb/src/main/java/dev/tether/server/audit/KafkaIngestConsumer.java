package dev.tether.server.audit;

import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.ChainLink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the ingest topic and stores what it finds: each poll (at most {@code maxPollRecords}
 * records) is grouped per device into {@link AuditSubmission}s, handed to the store (the server
 * stores them in one transaction and appends them to the log), and only after the store returned
 * (committed) are the offsets committed. A crash in between redelivers the poll, and the store
 * skips event ids already stored: exactly-once in effect. When the store throws, the consumer
 * rewinds to the poll's first offsets so the next poll retries the same records. Not thread-safe:
 * one thread polls (Kafka consumers are single-threaded); {@link #wakeup} may be called from any.
 */
public final class KafkaIngestConsumer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(KafkaIngestConsumer.class.getName());

  /** Default records per poll (one store transaction). */
  public static final int DEFAULT_MAX_POLL_RECORDS = 500;

  private final Consumer<String, String> consumer;
  private final AtomicLong undecodable = new AtomicLong();

  KafkaIngestConsumer(Consumer<String, String> consumer, String topic) {
    this.consumer = consumer;
    consumer.subscribe(List.of(topic));
  }

  /** A consumer in {@code group}; a new group starts at the topic's beginning (nothing skipped). */
  public static KafkaIngestConsumer create(
      String bootstrapServers, String topic, String group, int maxPollRecords) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tether-audit-ingest-" + UUID.randomUUID());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return new KafkaIngestConsumer(new KafkaConsumer<>(config), topic);
  }

  /**
   * Polls once and stores what arrived.
   *
   * @param store stores the submissions durably (returns after its transaction committed)
   * @return records consumed (0 when none arrived)
   * @throws RuntimeException whatever the store or the offset commit threw; the poll's records are
   *     delivered again (rewound, or redelivered after a restart)
   */
  public int pollOnce(Duration timeout, Function<List<AuditSubmission>, AuditBatchResult> store) {
    ConsumerRecords<String, String> records = consumer.poll(timeout);
    if (records.isEmpty()) {
      return 0;
    }
    Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> nextOffsets = new HashMap<>();
    Map<AuditSource, List<AuditEvent>> events = new LinkedHashMap<>();
    Map<AuditSource, List<ChainLink>> links = new HashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      firstOffsets.putIfAbsent(partition, record.offset());
      nextOffsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
      IngestEnvelope envelope;
      try {
        envelope = IngestEnvelope.parse(record.value());
      } catch (IllegalArgumentException e) {
        // Not ours (the server only writes valid envelopes): storing is impossible and retrying
        // would stop ingestion for good, so it is skipped, counted and logged with its position.
        undecodable.incrementAndGet();
        LOG.log(
            System.Logger.Level.ERROR,
            "audit ingest: undecodable record skipped at {0} offset {1}: {2}",
            partition,
            record.offset(),
            e.getMessage());
        continue;
      }
      AuditSource source = envelope.source();
      events.computeIfAbsent(source, k -> new ArrayList<>()).add(envelope.event());
      if (envelope.link() != null) {
        links.computeIfAbsent(source, k -> new ArrayList<>()).add(envelope.link());
      }
    }
    List<AuditSubmission> submissions = new ArrayList<>();
    events.forEach(
        (source, list) ->
            submissions.add(
                AuditSubmission.of(source, list, links.getOrDefault(source, List.of()))));
    try {
      if (!submissions.isEmpty()) {
        store.apply(submissions);
      }
    } catch (RuntimeException e) {
      firstOffsets.forEach(consumer::seek);
      throw e;
    }
    consumer.commitSync(nextOffsets);
    return records.count();
  }

  /** Records skipped because they were not valid envelopes. */
  public long undecodable() {
    return undecodable.get();
  }

  /** Makes a blocked {@link #pollOnce} throw {@code WakeupException} (to stop the poll loop). */
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(10));
  }
}
