package dev.tether.server.audit;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.policy.ResponseMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server ingestion throughput: devices upload batches of {@code batch} events concurrently through
 * the real store path (AuditWriter: device lock, dedupe, log-head lock, leaf hashing, insert) on
 * EclipseLink, against H2 (file, as Payara's embedded default) or a PostgreSQL cluster started
 * here (fsync on), optionally with the Kafka publisher streaming every event to a real KRaft broker
 * at the same time (the figure then counts events stored AND acknowledged by Kafka). Usage: {@code
 * IngestBench h2|pg kafka|nokafka|kafka-ingest [events] [batch] [devices]} ({@code
 * kafka-ingest}: {@link KafkaIngestBench}).
 */
public final class IngestBench {
  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    String db = args.length > 0 ? args[0] : "h2";
    boolean kafka = args.length > 1 && args[1].equals("kafka");
    boolean kafkaIngest = args.length > 1 && args[1].equals("kafka-ingest");
    int total = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 500;
    int devices = args.length > 4 ? Integer.parseInt(args[4]) : 4;
    Path dir = Files.createTempDirectory("ingest-bench-");
    PostgresCluster pg = db.equals("pg") ? PostgresCluster.start(true) : null;
    KafkaBroker broker = kafka || kafkaIngest ? KafkaBroker.startNew() : null;
    try (JpaStore store =
        pg != null
            ? pg.store(PostgresCluster.SUPERUSER, "")
            : new JpaStore(
                "jdbc:h2:file:" + dir.resolve("audit") + ";LOCK_TIMEOUT=60000", "sa", "")) {
      store.ingest(new AuditSource("acme", "eng", "warmup"), events("warmup", batch));
      if (kafkaIngest) {
        KafkaIngestBench.run(store, broker, total, batch, devices, db);
        return;
      }
      String topic = "bench-" + UUID.randomUUID();
      if (kafka) {
        broker.createTopic(topic); // see KafkaBroker#createTopic and README: not auto-created
      }
      KafkaPublisher publisher = kafka ? KafkaPublisher.create(broker.bootstrap(), topic) : null;
      AtomicLong published = new AtomicLong();
      Thread streamer = null;
      if (publisher != null) {
        try {
          published.addAndGet(store.tx(publisher::publishPending));
        } catch (IllegalStateException e) {
          printBrokerProblems(broker);
          throw e;
        }
        streamer =
            new Thread(
                () -> {
                  while (published.get() < total + batch) {
                    published.addAndGet(store.tx(publisher::publishPending));
                  }
                });
      }
      ExecutorService pool = Executors.newFixedThreadPool(devices);
      long start = System.nanoTime();
      if (streamer != null) {
        streamer.start();
      }
      List<Future<?>> futures = new ArrayList<>();
      for (int d = 0; d < devices; d++) {
        String device = "dev-" + d;
        futures.add(
            pool.submit(
                () -> {
                  for (int sent = 0; sent < total / devices; sent += batch) {
                    store.ingest(new AuditSource("acme", "eng", device), events(device, batch));
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      long stored = System.nanoTime() - start;
      if (streamer != null) {
        streamer.join();
        publisher.close();
      }
      long done = System.nanoTime() - start;
      pool.shutdown();
      System.out.printf(
          "%s %s: %,d events in batches of %d from %d devices: stored in %.2f s = %.0f events/s"
              + "%s%n",
          db,
          kafka ? "+kafka" : "no-kafka",
          total,
          batch,
          devices,
          stored / 1e9,
          total / (stored / 1e9),
          kafka
              ? String.format(", stored+published in %.2f s = %.0f events/s", done / 1e9, total / (done / 1e9))
              : "");
    } finally {
      if (broker != null) {
        broker.close();
      }
      if (pg != null) {
        pg.close();
      }
    }
  }

  /** The broker's own view when a round was not acknowledged: its WARN and ERROR lines. */
  static void printBrokerProblems(KafkaBroker broker) throws java.io.IOException {
    for (String line : Files.readAllLines(broker.dir.resolve("broker.log"))) {
      if (line.contains("WARN") || line.contains("ERROR")) {
        System.out.println("broker: " + line.substring(0, Math.min(300, line.length())));
      }
    }
  }

  static List<AuditEvent> events(String device, int n) {
    return TamperEvidentLogTest.events(device, n, ResponseMode.BLOCK);
  }
}
