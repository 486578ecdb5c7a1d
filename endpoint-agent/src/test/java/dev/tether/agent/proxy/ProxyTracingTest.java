package dev.tether.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.enforce.ModeHandlers;
import dev.tether.agent.telemetry.DecisionTracer;
import dev.tether.agent.telemetry.TelemetryConfig;
import dev.tether.agent.testsupport.OtlpReceiver;
import dev.tether.agent.testsupport.OtlpReceiver.Received;
import dev.tether.agent.testsupport.TestTls;
import dev.tether.agent.testsupport.TestUpstream;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision traces end to end: real requests through the proxy (real TLS, real pipeline, real spool)
 * are exported over OTLP/HTTP to a real receiver that decodes the protobuf. The spans have the
 * stage structure and the GenAI and Tether attributes, carry no content, and the audit records of
 * each decision hold its trace id.
 */
class ProxyTracingTest {
  static final String SECRET = "AKIA" + "Q3EGRJ5XWZT7NB2H";
  static final String PROMPT_WORDS = "purple-elephant-quarterly-numbers";
  static OtlpReceiver receiver;
  static TestUpstream upstream;
  static DecisionTracer tracer;
  static ProxyFixture proxy;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    receiver = new OtlpReceiver();
    upstream = new TestUpstream(DeviceCa.generate("tracing-upstream-ca"));
    tracer =
        DecisionTracer.otlp(
            TelemetryConfig.forEndpoint(receiver.endpoint().toString()), "device-1", "test");
    proxy =
        new ProxyFixture(
            dir,
            TestPolicies.document(List.of()),
            ModeHandlers.none(),
            upstream.writeCaPem(dir),
            null,
            tracer);
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    tracer.close();
    upstream.close();
    receiver.close();
  }

  static HttpResponse<String> post(String body) throws Exception {
    return HttpClient.newBuilder()
        .proxy(ProxySelector.of(proxy.address))
        .sslContext(TestTls.trusting(proxy.deviceCa.certificate()))
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build()
        .send(
            HttpRequest.newBuilder(
                    URI.create("https://localhost:" + upstream.port() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  static String chat(String content) {
    return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + content
        + "\"}]}";
  }

  /** The spans of the decision whose root carries {@code decisionId}, root first. */
  static List<Received> decisionSpans(String decisionId) throws Exception {
    tracer.flush(Duration.ofSeconds(10));
    Received root =
        receiver.await(
            r ->
                r.name().equals("tether.decision")
                    && decisionId.equals(r.attribute("tether.decision.id")),
            Duration.ofSeconds(20));
    // children end before the root, so they were exported no later than it
    List<Received> children =
        receiver.spans().stream()
            .filter(r -> r.traceId().equals(root.traceId()) && r != root)
            .toList();
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(root), children.stream())
        .toList();
  }

  @Test
  void blockedCredential_traceHasStagesGenAiAttributesNoContent_auditCarriesTraceId()
      throws Exception {
    HttpResponse<String> response = post(chat("use " + SECRET + " " + PROMPT_WORDS));
    assertEquals(403, response.statusCode());
    String decisionId = response.headers().firstValue("x-tether-decision-id").orElseThrow();

    List<Received> spans = decisionSpans(decisionId);
    Received root = spans.get(0);
    assertThat(root.parentSpanId()).isEmpty();
    assertThat(root.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    assertEquals("openai", root.attribute("gen_ai.provider.name"));
    assertEquals("gpt-4o-mini", root.attribute("gen_ai.request.model"));
    assertEquals("chat", root.attribute("gen_ai.operation.name"));
    assertEquals("BLOCK", root.attribute("tether.mode"));
    assertEquals("credential_detected", root.attribute("tether.decision.code"));
    assertThat(root.attribute("tether.policy.version")).isNotNull().isNotEqualTo("0");
    assertThat(root.attribute("tether.layers")).contains("RULE");

    Map<String, Received> stages =
        spans.stream().skip(1).collect(Collectors.toMap(Received::name, r -> r, (a, b) -> a));
    assertThat(stages.keySet())
        .containsAll(
            Set.of(
                "tether.stage.policy-presence",
                "tether.stage.destination-rules",
                "tether.stage.detectors",
                "tether.stage.judge",
                "tether.stage.escalation",
                "tether.stage.policy-mapping",
                "tether.stage.audit-spool"));
    for (Received child : stages.values()) {
      assertEquals(root.spanId(), child.parentSpanId(), child.name() + " is a child of the root");
    }
    Received detectors = stages.get("tether.stage.detectors");
    assertThat(detectors.attribute("tether.detector.ids")).contains("aws");
    assertEquals("BLOCK", detectors.attribute("tether.mode"));
    assertThat(Integer.parseInt(detectors.attribute("tether.finding.count"))).isPositive();
    assertThat(detectors.attribute("tether.finding.types")).isNotBlank();

    for (Received span : spans) {
      for (String text : span.allText()) {
        assertThat(text).doesNotContain(SECRET).doesNotContain(PROMPT_WORDS).doesNotContain("AKIA");
      }
    }
    assertThat(receiver.contentTypes()).allMatch("application/x-protobuf"::equals);

    List<AuditEvent> events =
        proxy.audit().stream().filter(e -> e.decisionId().equals(decisionId)).toList();
    assertThat(events).hasSizeGreaterThanOrEqualTo(2);
    assertThat(events).allMatch(e -> root.traceId().equals(e.traceId()));
    AuditEvent rule =
        events.stream().filter(e -> e.layer() == AuditLayer.RULE).findFirst().orElseThrow();
    assertThat(rule.findingTypes()).isNotEmpty();
    assertThat(rule.findingTypes().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(rule.findingCount());
    assertEquals("gpt-4o-mini", rule.model());
  }

  @Test
  void cleanPrompt_judgeSpanHasVerdict_judgeRecordHasClassificationAndConfidence()
      throws Exception {
    HttpResponse<String> response = post(chat("please summarise " + PROMPT_WORDS));
    String decisionId = response.headers().firstValue("x-tether-decision-id").orElse(null);
    List<AuditEvent> events =
        proxy.audit().stream()
            .filter(e -> decisionId == null || e.decisionId().equals(decisionId))
            .filter(e -> e.layer() == AuditLayer.JUDGE)
            .toList();
    assertThat(events).isNotEmpty();
    AuditEvent judge = events.get(events.size() - 1);
    assertThat(judge.classification()).isNotBlank();
    assertThat(judge.confidence()).isBetween(0.0, 1.0);
    assertThat(judge.traceId()).matches("[0-9a-f]{32}");

    List<Received> spans = decisionSpans(judge.decisionId());
    Received judgeSpan =
        spans.stream().filter(r -> r.name().equals("tether.stage.judge")).findFirst().orElseThrow();
    Received escalation =
        spans.stream()
            .filter(r -> r.name().equals("tether.stage.escalation"))
            .findFirst()
            .orElseThrow();
    // the verdict lands on the stage that fired the JUDGE control (judge, or escalation if unsure)
    Received verdict =
        judgeSpan.attribute("tether.judge.classification") != null ? judgeSpan : escalation;
    assertEquals(judge.classification(), verdict.attribute("tether.judge.classification"));
    assertThat(Double.parseDouble(verdict.attribute("tether.judge.confidence")))
        .isCloseTo(judge.confidence(), org.assertj.core.data.Offset.offset(1e-9));
    assertEquals(String.valueOf(judge.escalated()), verdict.attribute("tether.judge.escalated"));
    assertEquals(judge.traceId(), spans.get(0).traceId());
    for (Received span : spans) {
      span.allText().forEach(text -> assertThat(text).doesNotContain(PROMPT_WORDS));
    }
  }
}
