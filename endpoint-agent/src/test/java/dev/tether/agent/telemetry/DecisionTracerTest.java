package dev.tether.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.agent.pipeline.DecisionTrace;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.pipeline.PipelineResult;
import dev.tether.agent.testsupport.OtlpReceiver;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.decision.Control;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ResponseMode;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tracer's bounds and failure behaviour, against a real OTLP receiver or none at all. */
class DecisionTracerTest {

  static InspectedRequest request() {
    return new InspectedRequest(
        AuditEvent.newId(), "api.openai.com", Provider.OPENAI, "POST", "/v1/x", null, null, false);
  }

  static void decide(DecisionTracer tracer) {
    DecisionTrace trace = tracer.start(request());
    trace.stageStarted("detectors");
    trace.stageEnded(
        "detectors",
        List.of(Control.of(AuditLayer.RULE, ResponseMode.BLOCK, "credential_detected", "x")),
        null);
    trace.end(
        new PipelineResult(
            new Decision.Block("r", "credential_detected"), List.of(), List.of(), "p", 3));
  }

  @Test
  void disabled_noTraceIdNoSdkNoCounters() {
    DecisionTracer tracer = DecisionTracer.otlp(TelemetryConfig.forEndpoint(null), "d", "v");
    assertSame(DecisionTrace.NONE, tracer.start(request()));
    assertNull(tracer.start(request()).traceId());
    assertEquals(TelemetryStatus.DISABLED, tracer.status());
    tracer.close();
  }

  @Test
  void faultCollectorDown_decisionsNotSlowed_failuresCounted() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort(); // closed again: connections are refused
    }
    DecisionTracer tracer =
        DecisionTracer.otlp(
            TelemetryConfig.forEndpoint("http://127.0.0.1:" + deadPort + "/v1/traces"), "d", "v");
    long start = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      decide(tracer);
    }
    // 200 decisions never wait for the exporter (a blocking export would take seconds)
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    tracer.flush(Duration.ofSeconds(30));
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (tracer.status().failedSpans() < 400 && System.nanoTime() < deadline) {
      Thread.sleep(100); // the exporter retries with backoff before it gives a batch up
    }
    TelemetryStatus status = tracer.status();
    assertThat(status.failedSpans()).isEqualTo(400);
    assertEquals(0, status.queuedSpans());
    assertEquals(0, status.exportedSpans());
    tracer.close();
  }

  @Test
  void faultSlowCollector_queueBoundedSpansDroppedAndCounted() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      receiver.delay(Duration.ofSeconds(2));
      DecisionTracer tracer =
          DecisionTracer.otlp(
              new TelemetryConfig(receiver.endpoint(), 4, Duration.ofSeconds(5)), "d", "v");
      for (int i = 0; i < 50; i++) {
        decide(tracer);
      }
      TelemetryStatus status = tracer.status();
      assertThat(status.queuedSpans()).isLessThanOrEqualTo(4);
      assertThat(status.droppedSpans()).isGreaterThanOrEqualTo(100 - 4);
      tracer.flush(Duration.ofSeconds(10));
      assertThat(tracer.status().exportedSpans() + tracer.status().droppedSpans()).isEqualTo(100);
      assertThat(receiver.spans()).hasSize((int) tracer.status().exportedSpans());
      tracer.close();
    }
  }

  @Test
  void traceUpload_traceparentIsTheExportedUploadSpan_outcomeUnchanged() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      DecisionTracer tracer =
          DecisionTracer.otlp(
              TelemetryConfig.forEndpoint(receiver.endpoint().toString()), "d", "v");
      String[] sent = new String[1];
      dev.tether.core.api.AuditBatchResult result =
          tracer.traceUpload(
              5,
              traceparent -> {
                sent[0] = traceparent;
                return new dev.tether.core.api.AuditBatchResult(4, 1);
              });
      assertEquals(new dev.tether.core.api.AuditBatchResult(4, 1), result);
      // flags: sampled, plus "random trace id" (W3C Trace Context level 2) in this SDK
      assertThat(sent[0]).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[13]");
      tracer.flush(Duration.ofSeconds(10));
      OtlpReceiver.Received upload =
          receiver.await(r -> r.name().equals("tether.audit.upload"), Duration.ofSeconds(20));
      assertThat(sent[0]).startsWith("00-" + upload.traceId() + "-" + upload.spanId() + "-");
      assertEquals("4", upload.attribute("tether.audit.accepted"));
      assertEquals("5", upload.attribute("tether.audit.events"));
      assertThrows(
          java.io.IOException.class,
          () ->
              tracer.traceUpload(
                  1,
                  traceparent -> {
                    throw new java.io.IOException("server down");
                  }));
      tracer.close();
    }
    String[] untraced = {"unset"};
    DecisionTracer.disabled()
        .traceUpload(
            1,
            traceparent -> {
              untraced[0] = traceparent;
              return new dev.tether.core.api.AuditBatchResult(1, 0);
            });
    assertNull(untraced[0]);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ftp://collector/v1/traces, not http",
    "http://user:pw@collector:4318/v1/traces, user info",
    "http:///v1/traces, no host",
    "http://collector:4318/v1/traces?x=1, query",
  })
  void forEndpoint_nonsense_rejectedNamingTheKey(String value, String note) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TelemetryConfig.forEndpoint(value));
    assertThat(e.getMessage()).startsWith("otlp-endpoint:");
  }

  @Test
  void forEndpoint_withoutPath_getsOtlpTracesPath() {
    assertEquals(
        "http://127.0.0.1:4318/v1/traces",
        TelemetryConfig.forEndpoint("http://127.0.0.1:4318").endpoint().toString());
  }
}
