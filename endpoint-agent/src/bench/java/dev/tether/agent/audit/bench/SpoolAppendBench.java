package dev.tether.agent.audit.bench;

import dev.tether.agent.audit.AuditSpool;
import dev.tether.agent.audit.SpoolConfig;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Spool append cost with fdatasync: one decision = 3 records (rule, judge, policy) appended and
 * forced before the call returns. Reports p50/p99/max latency per decision and events/s, for 1
 * writer and for N concurrent writers (group commit). Usage: {@code SpoolAppendBench [dir]
 * [decisionsPerThread] [threads]}.
 */
public final class SpoolAppendBench {
  private SpoolAppendBench() {}

  public static void main(String[] args) throws Exception {
    Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("spool-bench-");
    int perThread = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    System.out.println("spool dir: " + base + " (file system of this dir is what is measured)");
    run(base.resolve("warmup"), 300, 1, false);
    run(base.resolve("one"), perThread, 1, true);
    run(base.resolve("many"), perThread, threads, true);
  }

  static void run(Path dir, int perThread, int threads, boolean print) throws Exception {
    long[][] latencies = new long[threads][perThread];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start;
    try (AuditSpool spool = AuditSpool.open(dir, SpoolConfig.defaults())) {
      List<Future<?>> futures = new ArrayList<>();
      start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    List<AuditEvent> decision = decision();
                    long t0 = System.nanoTime();
                    spool.append(decision);
                    latencies[thread][i] = System.nanoTime() - t0;
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    long elapsed = System.nanoTime() - start;
    if (!print) {
      return;
    }
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    long decisions = (long) threads * perThread;
    System.out.printf(
        "threads=%d decisions=%d events=%d  p50=%.3f ms  p99=%.3f ms  max=%.3f ms  %.0f events/s%n",
        threads,
        decisions,
        decisions * 3,
        all[all.length / 2] / 1e6,
        all[(int) (all.length * 0.99)] / 1e6,
        all[all.length - 1] / 1e6,
        decisions * 3 / (elapsed / 1e9));
  }

  static List<AuditEvent> decision() {
    String decisionId = AuditEvent.newId();
    Instant now = Instant.now();
    List<AuditEvent> events = new ArrayList<>(3);
    events.add(
        event(decisionId, now, AuditLayer.RULE, ResponseMode.BLOCK, List.of("aws-access-key"))
            .withFindingTypes(Map.of("credential", 1)));
    events.add(
        event(decisionId, now, AuditLayer.JUDGE, ResponseMode.WARN, List.of())
            .withJudgement("secret_exposure", 0.91, false));
    events.add(event(decisionId, now, AuditLayer.POLICY, ResponseMode.BLOCK, List.of()));
    return events;
  }

  static AuditEvent event(
      String decisionId, Instant at, AuditLayer layer, ResponseMode mode, List<String> detectors) {
    return new AuditEvent(
            AuditEvent.newId(),
            decisionId,
            at,
            "3f1a7c2e-dev-laptop-0042",
            "alice",
            layer,
            mode,
            "credential in prompt",
            "api.openai.com",
            "OPENAI",
            17,
            detectors,
            detectors.size(),
            "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            4096)
        .withContext("/usr/bin/python3", "alice@example.com", "gpt-4o", null);
  }
}
