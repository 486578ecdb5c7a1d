package dev.tether.server.audit;

import dev.tether.core.audit.AuditEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingestion through Kafka: {@code devices} threads do what the agent API does with {@code
 * tether.audit.kafka.ingest=true} (send a batch to the ingest topic and wait for the broker's
 * acknowledgements, {@link KafkaIngestProducer}), while one consumer ({@link KafkaIngestConsumer},
 * 500 records per poll, one store transaction per poll) stores them and appends to the log.
 * Reports the accept rate (acknowledged by Kafka) and the end-to-end rate (stored).
 */
final class KafkaIngestBench {
  private KafkaIngestBench() {}

  static void run(JpaStore store, KafkaBroker broker, int total, int batch, int devices, String db)
      throws Exception {
    String topic = "bench-ingest-" + UUID.randomUUID();
    broker.createTopic(topic);
    long before = store.tx(r -> r.count(AuditQuery.all("acme", 1)));
    AtomicLong consumed = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    try (KafkaIngestProducer producer =
        KafkaIngestProducer.create(
            broker.bootstrap(), topic, KafkaIngestProducer.DEFAULT_DELIVERY_TIMEOUT_MS)) {
      // create the topic and its leaders before timing
      producer.send(
          AuditSubmission.of(
              new AuditSource("acme", "eng", "warmup"), IngestBench.events("warmup", 1), List.of()));
      Thread consumer =
          new Thread(
              () -> {
                try (KafkaIngestConsumer c =
                    KafkaIngestConsumer.create(
                        broker.bootstrap(),
                        topic,
                        "bench",
                        KafkaIngestConsumer.DEFAULT_MAX_POLL_RECORDS)) {
                  while (consumed.get() < total + 1) {
                    try {
                      consumed.addAndGet(c.pollOnce(Duration.ofMillis(200), store::ingest));
                    } catch (RuntimeException e) {
                      failures.incrementAndGet();
                    }
                  }
                }
              });
      ExecutorService pool = Executors.newFixedThreadPool(devices);
      long start = System.nanoTime();
      consumer.start();
      List<Future<?>> futures = new ArrayList<>();
      for (int d = 0; d < devices; d++) {
        String device = "dev-" + d;
        futures.add(
            pool.submit(
                () -> {
                  for (int sent = 0; sent < total / devices; sent += batch) {
                    List<AuditEvent> events = IngestBench.events(device, batch);
                    producer.send(
                        AuditSubmission.of(new AuditSource("acme", "eng", device), events, List.of()));
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      long accepted = System.nanoTime() - start;
      consumer.join();
      long done = System.nanoTime() - start;
      pool.shutdown();
      long stored = store.tx(r -> r.count(AuditQuery.all("acme", 1))) - before;
      System.out.printf(
          "%s +kafka-ingest: %,d events in batches of %d from %d devices: accepted (acked by"
              + " Kafka) in %.2f s = %.0f events/s; stored in %.2f s = %.0f events/s (%,d stored,"
              + " %d store retries)%n",
          db,
          total,
          batch,
          devices,
          accepted / 1e9,
          total / (accepted / 1e9),
          done / 1e9,
          total / (done / 1e9),
          stored,
          failures.get());
    }
  }
}
