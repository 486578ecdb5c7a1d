package dev.tether.agent.bench;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.config.StateDir;
import dev.tether.agent.policy.PolicyManager;
import dev.tether.agent.policy.TrustedClock;
import dev.tether.core.bundle.BundleVerifier;
import dev.tether.core.policy.PolicyDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the policy client costs: per request ({@link PolicyManager#enforceable()}: digest check,
 * state against the trusted clock) and per bundle (full verification of a downloaded envelope, as
 * on every fetch and every cache load).
 *
 * <pre>
 * mvn -o -pl endpoint-agent -am -Pbench package -DskipTests
 * java -jar endpoint-agent/target/benchmarks.jar PolicyCheckBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyCheckBenchmark {
  private PolicyManager manager;
  private BundleVerifier verifier;
  private byte[] envelope;

  @Setup
  public void setUp() throws Exception {
    Path dir = Files.createTempDirectory("tether-bench");
    PolicyDocument document = TestPolicies.document(List.of("blocked.example.com"));
    envelope = TestPolicies.sign(document, 1, Instant.now(), Duration.ofDays(1));
    TrustedClock clock = TrustedClock.system();
    manager =
        new PolicyManager(
            new StateDir(dir),
            TestPolicies.TRUST_ROOT,
            TestPolicies.SCOPE,
            clock,
            new PolicyManager.Options(null, null, null),
            null);
    manager.accept(envelope, "\"e1\"");
    verifier = BundleVerifier.create(TestPolicies.SCOPE, clock);
  }

  /** Per request: what every decision pays before the pipeline runs. */
  @Benchmark
  public Object perRequestCheck() {
    return manager.enforceable().orElseThrow();
  }

  /** Per bundle: full verification (signature, parse, policy validation, scope, freshness). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object perBundleVerify() throws Exception {
    return verifier.verifyUpdate(envelope, TestPolicies.TRUST_ROOT, 0, null);
  }
}
