package dev.tether.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.core.api.AuditBatch;
import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import dev.tether.server.audit.otlp.OtlpReceiver;
import dev.tether.server.audit.otlp.OtlpReceiver.Received;
import dev.tether.server.audit.trace.AuditTracing;
import dev.tether.server.audit.trace.IngestTracer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ingestion traced into a real OTLP/HTTP receiver: {@link AuditService#ingest} with the agent's
 * {@code traceparent} on a real H2 store. The ingest span continues the agent's trace, the store
 * span is its child, no event content reaches a span, and the stored events keep the decision trace
 * ids the agent wrote into them.
 */
class AuditIngestTracingTest {
  static final String SECRET = "AKIA" + "Q3EGRJ5XWZT7NB2H";
  static final String AGENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String AGENT_SPAN = "00f067aa0ba902b7";
  static final AuditSource SOURCE = new AuditSource("acme", "dev-team", "dev-1");

  OtlpReceiver receiver;
  IngestTracer tracer;
  JpaStore store;
  AuditService service;

  @BeforeEach
  void setUp() throws Exception {
    receiver = new OtlpReceiver();
    tracer = IngestTracer.otlp(receiver.endpoint().toString(), "test");
    store = JpaStore.h2("trace-" + UUID.randomUUID());
    service = new AuditService();
    service.writer =
        new AuditWriter() {
          @Override
          public AuditBatchResult store(AuditSubmission submission) {
            return store.tx(
                repository -> {
                  AuditWriter writer = new AuditWriter();
                  writer.repository = repository;
                  return writer.store(submission);
                });
          }
        };
    service.tracing =
        new AuditTracing() {
          @Override
          public IngestTracer tracer() {
            return tracer;
          }
        };
  }

  @AfterEach
  void tearDown() {
    tracer.close();
    receiver.close();
    store.close();
  }

  /** Events of three decisions, each with its own decision trace id and a secret in the text. */
  static List<AuditEvent> events() {
    List<AuditEvent> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String traceId = String.format("%032x", 0xabc0L + i);
      out.add(
          new AuditEvent(
                  AuditEvent.newId(),
                  AuditEvent.newId(),
                  Instant.parse("2026-04-01T12:00:00Z").plusSeconds(i),
                  "dev-1",
                  "alice",
                  AuditLayer.RULE,
                  ResponseMode.BLOCK,
                  "reason mentioning " + SECRET,
                  "api.openai.com",
                  "OPENAI",
                  4,
                  List.of("aws-access-key"),
                  1,
                  "sha256:ab",
                  99)
              .withContext("/usr/bin/curl", null, "gpt-4o", traceId)
              .withFindingTypes(Map.of("aws-access-key", 1))
              .withRedactedExcerpts(List.of("key=" + SECRET)));
    }
    return out;
  }

  @Test
  void ingest_withAgentTraceparent_spansContinueAgentTrace_noContent_traceIdsStored()
      throws Exception {
    List<AuditEvent> events = events();
    AuditBatchResult result =
        service.ingest(
            SOURCE, new AuditBatch(events), "00-" + AGENT_TRACE + "-" + AGENT_SPAN + "-01");
    assertEquals(new AuditBatchResult(3, 0), result);
    tracer.flush(Duration.ofSeconds(10));

    Received ingest =
        receiver.await(r -> r.name().equals("tether.audit.ingest"), Duration.ofSeconds(20));
    Received stored =
        receiver.await(r -> r.name().equals("tether.audit.store"), Duration.ofSeconds(20));
    assertEquals(AGENT_TRACE, ingest.traceId());
    assertEquals(AGENT_SPAN, ingest.parentSpanId());
    assertEquals(AGENT_TRACE, stored.traceId());
    assertEquals(ingest.spanId(), stored.parentSpanId());
    assertEquals("3", ingest.attribute("tether.audit.events"));
    assertEquals("3", ingest.attribute("tether.audit.accepted"));
    assertEquals("0", ingest.attribute("tether.audit.duplicates"));
    assertEquals("dev-1", ingest.attribute("tether.device.id"));
    assertEquals("acme", ingest.attribute("tether.tenant"));
    for (Received span : receiver.spans()) {
      for (String text : span.allText()) {
        assertThat(text).doesNotContain(SECRET).doesNotContain("reason mentioning");
      }
    }

    List<AuditEvent> back =
        store.tx(
            repository ->
                repository
                    .em
                    .createQuery("SELECT r FROM AuditRecord r", AuditRecord.class)
                    .getResultList()
                    .stream()
                    .map(AuditRecord::toEvent)
                    .toList());
    assertThat(back)
        .extracting(AuditEvent::traceId)
        .containsExactlyInAnyOrderElementsOf(events.stream().map(AuditEvent::traceId).toList());
  }

  @Test
  void ingest_duplicateBatchAndMalformedTraceparent_newTraceCountsDuplicates() throws Exception {
    List<AuditEvent> events = events();
    service.ingest(SOURCE, new AuditBatch(events), null);
    AuditBatchResult again = service.ingest(SOURCE, new AuditBatch(events), "00-zz-not-a-trace");
    assertEquals(new AuditBatchResult(0, 3), again);
    tracer.flush(Duration.ofSeconds(10));
    Received duplicate =
        receiver.await(
            r ->
                r.name().equals("tether.audit.ingest")
                    && "3".equals(r.attribute("tether.audit.duplicates")),
            Duration.ofSeconds(20));
    assertThat(duplicate.parentSpanId()).isEmpty();
    assertThat(duplicate.traceId()).matches("[0-9a-f]{32}").isNotEqualTo(AGENT_TRACE);
  }
}
