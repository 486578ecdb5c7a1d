package dev.tether.core.bench;

import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to scan one payload with every built-in detector ({@link RuleEngine#standard()}): clean
 * prose and code ({@code clean}), the same with five secrets spliced in (one below 4 KB; {@code
 * secrets}), and both as the JSON-escaped user message of an OpenAI-style chat-request body
 * ({@code json}, {@code json-secrets}), at 300 chars (a short prompt), 4 KB, 64 KB and 1 MB. MB/s =
 * size / time (see {@link BenchReport}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ScanBenchmark {
  @Param({"300", "4096", "65536", "1048576"})
  public int size;

  @Param({"clean", "secrets", "json", "json-secrets"})
  public String kind;

  private RuleEngine engine;
  private String text;

  @Setup
  public void setUp() {
    engine = RuleEngine.standard();
    int secrets = size < 4096 ? 1 : 5;
    text =
        switch (kind) {
          case "clean" -> Payloads.clean(size, 1);
          case "secrets" -> Payloads.withSecrets(size, secrets, 1);
          case "json" -> Payloads.jsonChatBody(size, 0, 1);
          case "json-secrets" -> Payloads.jsonChatBody(size, secrets, 1);
          default -> throw new IllegalArgumentException("kind " + kind);
        };
  }

  @Benchmark
  public List<Finding> scan() {
    return engine.scan(text);
  }
}
