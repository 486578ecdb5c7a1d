package dev.tether.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.policy.ResponseMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Publishing to a real KRaft broker (a child JVM started from the Kafka artifacts). */
class KafkaPublisherTest {
  static KafkaBroker broker;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    broker = KafkaBroker.shared();
  }

  /** Reads the topic from the start until {@code expected} distinct event ids were seen. */
  static Map<String, List<ConsumerRecord<String, String>>> consume(
      String topic, Set<String> expected) throws Exception {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "siem-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    Map<String, List<ConsumerRecord<String, String>>> byEvent = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!byEvent.keySet().containsAll(expected) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          JsonNode ocsf = JSON.readTree(record.value());
          byEvent
              .computeIfAbsent(ocsf.at("/metadata/uid").asText(), k -> new ArrayList<>())
              .add(record);
        }
      }
    }
    return byEvent;
  }

  @Test
  void publishPending_sendsOcsfKeyedByDeviceAndAdvancesCursor() throws Exception {
    String topic = "audit-" + UUID.randomUUID();
    broker.createTopic(topic);
    try (JpaStore store = JpaStore.h2("kafka-" + UUID.randomUUID());
        KafkaPublisher publisher = KafkaPublisher.create(broker.bootstrap(), topic, 20_000)) {
      List<AuditEvent> a = TamperEvidentLogTest.events("dev-a", 4, ResponseMode.BLOCK);
      List<AuditEvent> b = TamperEvidentLogTest.events("dev-b", 3, ResponseMode.ALLOW);
      store.ingest(new AuditSource("acme", "eng", "dev-a"), a);
      store.ingest(new AuditSource("acme", "eng", "dev-b"), b);
      assertEquals(7, (int) store.tx(publisher::publishPending));
      assertEquals(0, (int) store.tx(publisher::publishPending), "cursor advanced");
      Set<String> ids = new HashSet<>();
      a.forEach(e -> ids.add(e.eventId()));
      b.forEach(e -> ids.add(e.eventId()));
      Map<String, List<ConsumerRecord<String, String>>> seen = consume(topic, ids);
      assertEquals(ids, seen.keySet());
      for (AuditEvent e : a) {
        ConsumerRecord<String, String> record = seen.get(e.eventId()).get(0);
        assertEquals("dev-a", record.key());
        JsonNode ocsf = JSON.readTree(record.value());
        assertEquals(2006, ocsf.get("class_uid").asInt());
        assertEquals(2, ocsf.get("action_id").asInt());
        assertEquals(e.decisionId(), ocsf.at("/metadata/correlation_uid").asText());
      }
    }
  }

  @Test
  void faultKafkaBrokerRestartDuringPublishing_everyEventArrives() throws Exception {
    String topic = "audit-" + UUID.randomUUID();
    broker.createTopic(topic);
    Set<String> ids = new HashSet<>();
    try (JpaStore store = JpaStore.h2("kafka-" + UUID.randomUUID());
        KafkaPublisher publisher = KafkaPublisher.create(broker.bootstrap(), topic, 6_000)) {
      for (int i = 0; i < 6; i++) {
        List<AuditEvent> batch = TamperEvidentLogTest.events("dev-" + i, 200, ResponseMode.BLOCK);
        store.ingest(new AuditSource("acme", "eng", "dev-" + i), batch);
        batch.forEach(e -> ids.add(e.eventId()));
      }
      assertEquals(KafkaPublisher.BATCH, (int) store.tx(publisher::publishPending));
      broker.kill();
      assertThrows(IllegalStateException.class, () -> store.tx(publisher::publishPending));
      broker.start();
      int total = KafkaPublisher.BATCH;
      for (int round = 0; round < 20 && total < ids.size(); round++) {
        try {
          total += store.tx(publisher::publishPending);
        } catch (IllegalStateException e) {
          // broker still electing itself leader after the restart: retry, as the service does
          Thread.sleep(500);
        }
      }
      assertEquals(ids.size(), total, "cursor reached the end of the log");
    }
    Map<String, List<ConsumerRecord<String, String>>> seen = consume(topic, ids);
    assertEquals(ids, seen.keySet(), "every stored event reached the topic");
    assertTrue(
        seen.values().stream().allMatch(list -> list.get(0).key().startsWith("dev-")),
        "keyed by device");
  }
}
