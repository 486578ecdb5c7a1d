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
 * ReDoS-style inputs at 64 KB and 1 MB: if scanning is linear, time per MB is about the same at
 * both sizes; a super-linear detector shows up as a much larger time per MB at 1 MB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AdversarialScanBenchmark {
  @Param({
    "a-run",
    "digits",
    "base64",
    "begin-pem",
    "pem-unterminated",
    "password-assign",
    "json-escapes",
    "email-ish"
  })
  public String kind;

  @Param({"65536", "1048576"})
  public int size;

  private RuleEngine engine;
  private String text;

  @Setup
  public void setUp() {
    engine = RuleEngine.standard();
    text = Payloads.adversarial(kind, size);
  }

  @Benchmark
  public List<Finding> scan() {
    return engine.scan(text);
  }
}
