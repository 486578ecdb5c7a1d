package dev.tether.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.ChainLink;
import dev.tether.core.audit.log.Checkpoint;
import dev.tether.core.audit.log.ExportVerifier;
import dev.tether.core.audit.log.LogExport;
import dev.tether.core.audit.log.NoteSigner;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.ResponseMode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kafka as the ingestion path against a real KRaft broker (shared with the publisher test):
 * producer (what the agent API does when {@code tether.audit.kafka.ingest=true}) -> topic ->
 * consumer that stores through the real JPA store (EclipseLink on H2) and appends to the log.
 */
class KafkaIngestTest {
  static final String ORIGIN = "tether.test/audit-log";
  static KafkaBroker broker;
  final NoteSigner signer = new NoteSigner(ORIGIN, Ed25519KeyPair.generate());
  final String topic = "ingest-" + UUID.randomUUID();
  final String group = "ingest-" + UUID.randomUUID();
  JpaStore store;
  TamperEvidentLog log;

  @BeforeAll
  static void start() throws Exception {
    broker = KafkaBroker.shared();
  }

  @BeforeEach
  void open() throws Exception {
    broker.createTopic(topic);
    store = JpaStore.h2("kafka-ingest-" + UUID.randomUUID());
    log = new TamperEvidentLog(ORIGIN, signer, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** The submission an agent's upload becomes, with the spool chain links from sequence 1. */
  static AuditSubmission upload(
      String device, List<AuditEvent> events, long firstSeq, byte[] prev) {
    List<ChainLink> links = new ArrayList<>();
    byte[] chain = prev;
    long seq = firstSeq;
    for (AuditEvent e : events) {
      byte[] next = ChainLink.compute(chain, seq, JsonCodec.write(e));
      links.add(
          new ChainLink(
              e.eventId(), seq++, HexFormat.of().formatHex(chain), HexFormat.of().formatHex(next)));
      chain = next;
    }
    return AuditSubmission.of(new AuditSource("acme", "eng", device), events, links);
  }

  static AuditSubmission upload(String device, List<AuditEvent> events) {
    return upload(device, events, 1, new byte[32]);
  }

  long stored() {
    return store.tx(r -> r.count(AuditQuery.all("acme", 1)));
  }

  /** Polls until {@code expected} events are stored (or 60 s); returns the records consumed. */
  int consumeUntil(KafkaIngestConsumer consumer, long expected) {
    return consumeUntil(consumer, expected, Duration.ofSeconds(60));
  }

  int consumeUntil(KafkaIngestConsumer consumer, long expected, Duration timeout) {
    int consumed = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (stored() < expected && System.nanoTime() < deadline) {
      try {
        consumed += consumer.pollOnce(Duration.ofMillis(500), store::ingest);
      } catch (RuntimeException e) {
        // broker away or electing: the service's loop backs off and polls again, so do we
        sleep(300);
      }
    }
    return consumed;
  }

  /** The log over everything stored verifies offline, and holds each event exactly once. */
  void assertLogHoldsEachOnce(List<AuditEvent> sent) throws Exception {
    long unique = sent.stream().map(AuditEvent::eventId).distinct().count();
    assertEquals(unique, stored(), "each event stored once");
    LogExport export = store.tx(r -> log.export(r, "acme", 0, 10_000));
    Checkpoint checkpoint = ExportVerifier.verify(export, signer.verifierKey(), ORIGIN);
    assertEquals(unique, checkpoint.size(), "log size = distinct events");
    assertEquals(
        unique,
        export.entries().stream().map(e -> e.event().eventId()).distinct().count(),
        "no event twice in the log");
    assertEquals(0, store.tx(r -> log.verifyStore(r)).mismatched().size());
  }

  @Test
  void ingestViaKafka_endToEnd_storedOnceInLogAndChainContinuous() throws Exception {
    List<AuditEvent> a = TamperEvidentLogTest.events("dev-a", 120, ResponseMode.BLOCK);
    List<AuditEvent> b = TamperEvidentLogTest.events("dev-b", 80, ResponseMode.ALLOW);
    try (KafkaIngestProducer producer =
            KafkaIngestProducer.create(broker.bootstrap(), topic, 20_000);
        KafkaIngestConsumer consumer =
            KafkaIngestConsumer.create(broker.bootstrap(), topic, group, 100)) {
      assertEquals(120, producer.send(upload("dev-a", a.subList(0, 120))).accepted());
      assertEquals(80, producer.send(upload("dev-b", b)).accepted());
      assertEquals(200, consumeUntil(consumer, 200));
    }
    List<AuditEvent> all = new ArrayList<>(a);
    all.addAll(b);
    assertLogHoldsEachOnce(all);
    assertEquals(List.of(), store.tx(r -> r.chainBreaks("acme", 10)), "chain continuous");
    AuditPage page =
        AuditQueryScenario.query(
            store,
            new AuditQuery("acme", AuditQueryScenario.f().device("dev-b").build(), 1000, 0, null));
    assertEquals(80, page.total());
    assertTrue(page.events().containsAll(b), "stored exactly as sent");
  }

  @Test
  void faultDuplicateBatchUpload_viaKafka_storedOnceLogUnchanged() throws Exception {
    List<AuditEvent> a = TamperEvidentLogTest.events("dev-a", 50, ResponseMode.BLOCK);
    AuditSubmission first = upload("dev-a", a);
    try (KafkaIngestProducer producer =
            KafkaIngestProducer.create(broker.bootstrap(), topic, 20_000);
        KafkaIngestConsumer consumer =
            KafkaIngestConsumer.create(broker.bootstrap(), topic, group, 500)) {
      producer.send(first);
      producer.send(first); // the agent lost the answer and uploaded the batch again
      consumeUntil(consumer, 50);
      assertEquals(50, stored());
      producer.send(first); // and once more, after it was stored
      // the same batch also arrives on the direct path (a server instance without Kafka)
      assertEquals(new AuditBatchResult(0, 50), store.ingest(first.source(), a));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      int consumed = 0;
      while (consumed < 50 && System.nanoTime() < deadline) {
        consumed += consumer.pollOnce(Duration.ofMillis(500), store::ingest);
      }
      assertEquals(50, consumed, "the third copy was consumed, and skipped");
    }
    assertLogHoldsEachOnce(a);
    assertEquals(List.of(), store.tx(r -> r.chainBreaks("acme", 10)), "duplicates are no break");
  }

  @Test
  void faultConsumerCrashMidBatch_restartedConsumerStoresEverythingOnce() throws Exception {
    List<AuditEvent> sent = new ArrayList<>();
    try (KafkaIngestProducer producer =
        KafkaIngestProducer.create(broker.bootstrap(), topic, 20_000)) {
      for (String device : List.of("dev-a", "dev-b", "dev-c")) {
        List<AuditEvent> events = TamperEvidentLogTest.events(device, 100, ResponseMode.BLOCK);
        producer.send(upload(device, events));
        sent.addAll(events);
      }
    }
    KafkaIngestConsumer crashing = KafkaIngestConsumer.create(broker.bootstrap(), topic, group, 40);
    try {
      // poll 1 stores normally; poll 2 dies inside the transaction (rolled back); poll 3 dies
      // after the transaction committed but before the offsets were committed
      int[] polls = {0};
      Function<List<AuditSubmission>, AuditBatchResult> flaky =
          subs -> {
            polls[0]++;
            if (polls[0] == 2) {
              return store.tx(
                  r -> {
                    AuditStoring.store(r, subs, java.time.Instant.now());
                    throw new IllegalStateException("crash before commit");
                  });
            }
            AuditBatchResult result = store.ingest(subs);
            if (polls[0] == 3) {
              throw new IllegalStateException("crash after commit, before the offset commit");
            }
            return result;
          };
      int consumed = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (polls[0] < 3 && System.nanoTime() < deadline) {
        try {
          consumed += crashing.pollOnce(Duration.ofMillis(500), flaky);
        } catch (IllegalStateException e) {
          assertTrue(e.getMessage().startsWith("crash"), e.getMessage());
        }
      }
      assertEquals(3, polls[0]);
      assertTrue(consumed > 0 && consumed < 300, "mid-batch: " + consumed);
      long partial = stored();
      assertTrue(partial > 0 && partial < 300, "some stored before the crash: " + partial);
    } finally {
      crashing.close(); // the process dies: no further offset commit
    }
    try (KafkaIngestConsumer restarted =
        KafkaIngestConsumer.create(broker.bootstrap(), topic, group, 40)) {
      consumeUntil(restarted, 300);
    }
    assertLogHoldsEachOnce(sent);
    assertEquals(300, sent.size());
    assertEquals(List.of(), store.tx(r -> r.chainBreaks("acme", 10)), "redelivery is no break");
  }

  @Test
  void faultKafkaBrokerRestart_uploadFailsWhileDown_everythingStoredOnceAfter() throws Exception {
    List<AuditEvent> before = TamperEvidentLogTest.events("dev-a", 60, ResponseMode.BLOCK);
    List<AuditEvent> during = TamperEvidentLogTest.events("dev-a", 60, ResponseMode.BLOCK);
    byte[] prev =
        HexFormat.of()
            .parseHex(upload("dev-a", before).links().get(before.get(59).eventId()).hash());
    try (KafkaIngestProducer producer =
            KafkaIngestProducer.create(broker.bootstrap(), topic, 4_000);
        KafkaIngestConsumer consumer =
            KafkaIngestConsumer.create(broker.bootstrap(), topic, group, 500)) {
      producer.send(upload("dev-a", before));
      consumeUntil(consumer, 60);
      broker.kill();
      long start = System.nanoTime();
      AuditUnavailableException down =
          assertThrows(
              AuditUnavailableException.class,
              () -> producer.send(upload("dev-a", during, 61, prev)),
              "never accept-and-lose: the upload fails while Kafka is down");
      assertTrue(
          System.nanoTime() - start < Duration.ofSeconds(15).toNanos(), "bounded wait: " + down);
      // the consumer keeps polling a dead broker without storing anything or dying
      consumeUntil(consumer, 61, Duration.ofSeconds(5));
      assertEquals(60, stored());
      broker.start();
      boolean accepted = false;
      for (int attempt = 0; attempt < 20 && !accepted; attempt++) {
        try {
          producer.send(upload("dev-a", during, 61, prev)); // the agent's retry
          accepted = true;
        } catch (AuditUnavailableException e) {
          Thread.sleep(500); // broker still electing itself leader
        }
      }
      assertTrue(accepted, "upload accepted after the broker came back");
      consumeUntil(consumer, 120);
    } finally {
      KafkaBroker.shared(); // running again whatever happened
    }
    List<AuditEvent> all = new ArrayList<>(before);
    all.addAll(during);
    assertLogHoldsEachOnce(all);
    assertEquals(List.of(), store.tx(r -> r.chainBreaks("acme", 10)), "chain continuous");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
