package dev.tether.agent.telemetry.bench;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.pipeline.ContentScanner;
import dev.tether.agent.pipeline.DecisionPipeline;
import dev.tether.agent.pipeline.DecisionTrace;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.pipeline.PipelineResult;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.agent.provider.ApiCall;
import dev.tether.agent.provider.ProviderRecognizer;
import dev.tether.agent.telemetry.DecisionTracer;
import dev.tether.agent.telemetry.TelemetryConfig;
import dev.tether.agent.testsupport.OtlpReceiver;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.policy.Provider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Added per-decision latency of decision tracing: the same decisions through the standard pipeline
 * with tracing off ({@link DecisionTrace#NONE}) and on (root + one span per stage + the spool-write
 * span, exported over OTLP/HTTP to a real receiver on loopback), interleaved in rounds so machine
 * load hits both alike. The spool's fdatasync is left out (it is the same with or without tracing
 * and would hide the difference). Usage: {@code DecisionTracingBench [decisionsPerRound] [rounds]}.
 */
public final class DecisionTracingBench {
  private DecisionTracingBench() {}

  public static void main(String[] args) throws Exception {
    int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    ActivePolicy policy =
        TestPolicies.active(
            Files.createTempDirectory("trace-bench-"), TestPolicies.document(List.of()));
    DecisionPipeline pipeline =
        DecisionPipeline.standard(ContentScanner.standard(), 4 << 20);
    String blocked =
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"key AKIA"
            + "Q3EGRJ5XWZT7NB2H please\"}]}";
    try (OtlpReceiver receiver = new OtlpReceiver();
        DecisionTracer on =
            DecisionTracer.otlp(
                TelemetryConfig.forEndpoint(receiver.endpoint().toString()), "bench", "bench")) {
      DecisionTracer off = DecisionTracer.disabled();
      for (int i = 0; i < 2000; i++) { // warm-up: JIT, rule engine, SDK
        decide(pipeline, policy, blocked, i % 2 == 0 ? on : off);
      }
      long[] offNanos = new long[perRound * rounds];
      long[] onNanos = new long[perRound * rounds];
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < perRound; i++) {
          int k = r * perRound + i;
          offNanos[k] = decide(pipeline, policy, blocked, off);
          onNanos[k] = decide(pipeline, policy, blocked, on);
        }
      }
      on.flush(Duration.ofSeconds(30));
      report("tracing off", offNanos);
      report("tracing on ", onNanos);
      Arrays.sort(offNanos);
      Arrays.sort(onNanos);
      System.out.printf(
          "added: p50 %+.1f us, p99 %+.1f us per decision; spans exported %d, failed %d, dropped"
              + " %d, received %d%n",
          (onNanos[onNanos.length / 2] - offNanos[offNanos.length / 2]) / 1e3,
          (onNanos[(int) (onNanos.length * 0.99)] - offNanos[(int) (offNanos.length * 0.99)])
              / 1e3,
          on.status().exportedSpans(),
          on.status().failedSpans(),
          on.status().droppedSpans(),
          receiver.spans().size());
    }
  }

  /** One decision as {@code DecisionService} runs it, minus the fsync: start, stages, end. */
  static long decide(DecisionPipeline pipeline, ActivePolicy policy, String body, DecisionTracer t)
      throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ApiCall api =
        ProviderRecognizer.recognise(
            Provider.OPENAI, "POST", "/v1/chat/completions", "application/json", bytes);
    InspectedRequest request =
        new InspectedRequest(
            AuditEvent.newId(),
            "localhost",
            Provider.OPENAI,
            "POST",
            "/v1/chat/completions",
            null,
            bytes,
            false,
            api);
    long t0 = System.nanoTime();
    DecisionTrace trace = t.start(request);
    PipelineResult result = pipeline.decide(request, policy, trace);
    trace.stageStarted("audit-spool");
    trace.stageEnded("audit-spool", List.of(), null);
    trace.end(result);
    long elapsed = System.nanoTime() - t0;
    if (result.decision().forwards()) {
      throw new IllegalStateException("expected a block, got " + result.decision());
    }
    return elapsed;
  }

  static void report(String label, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%s: n=%d p50=%.1f us p90=%.1f us p99=%.1f us mean=%.1f us%n",
        label,
        sorted.length,
        sorted[sorted.length / 2] / 1e3,
        sorted[(int) (sorted.length * 0.9)] / 1e3,
        sorted[(int) (sorted.length * 0.99)] / 1e3,
        Arrays.stream(sorted).average().orElse(0) / 1e3);
  }
}
