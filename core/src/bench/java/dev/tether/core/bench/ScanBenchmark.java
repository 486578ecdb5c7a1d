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
 * prose and code, and the same with five secrets spliced in. MB/s = size / time (see {@link
 * BenchReport}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ScanBenchmark {
  @Param({"4096", "65536", "1048576"})
  public int size;

  @Param({"clean", "secrets"})
  public String kind;

  private RuleEngine engine;
  private String text;

  @Setup
  public void setUp() {
    engine = RuleEngine.standard();
    text = kind.equals("clean") ? Payloads.clean(size, 1) : Payloads.withSecrets(size, 5, 1);
  }

  @Benchmark
  public List<Finding> scan() {
    return engine.scan(text);
  }
}
