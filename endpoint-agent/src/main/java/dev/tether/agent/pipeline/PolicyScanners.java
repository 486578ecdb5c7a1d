package dev.tether.agent.pipeline;

import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One rule engine per activated policy, cached by the verified bundle's envelope digest (which
 * covers the version): built on the first request under a policy, reused by every later request,
 * replaced when another policy becomes active. Only the current engine is kept, so memory is
 * bounded by one engine plus the built-in one. Thread-safe; a build happens once per policy even
 * when requests race.
 */
final class PolicyScanners implements ContentScanner {
  private static final System.Logger LOG = System.getLogger(PolicyScanners.class.getName());

  private final Function<PolicyDocument, RuleEngine> factory;
  private final RuleEngine builtIn;
  private final AtomicReference<Cached> current = new AtomicReference<>();
  private final AtomicInteger builds = new AtomicInteger();

  private record Cached(String key, ContentScanner scanner) {}

  PolicyScanners(Function<PolicyDocument, RuleEngine> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.builtIn = RuleEngine.standard();
  }

  /** Scans with the built-in detectors only (no policy given). */
  @Override
  public List<Finding> scan(CharSequence text) {
    return builtIn.scan(text);
  }

  @Override
  public int maxChars() {
    return RuleEngine.MAX_SCAN_CHARS;
  }

  @Override
  public ContentScanner forPolicy(ActivePolicy policy) {
    String key = policy.version() + "/" + policy.bundle().envelopeDigest();
    Cached cached = current.get();
    if (cached != null && cached.key().equals(key)) {
      return cached.scanner();
    }
    synchronized (this) {
      cached = current.get();
      if (cached != null && cached.key().equals(key)) {
        return cached.scanner();
      }
      long startedAt = System.nanoTime();
      RuleEngine engine = Objects.requireNonNull(factory.apply(policy.document()), "rule engine");
      builds.incrementAndGet();
      LOG.log(
          System.Logger.Level.INFO,
          "policyVersion={0} rule engine built: {1} detectors in {2} ms",
          policy.version(),
          engine.detectorCount(),
          (System.nanoTime() - startedAt) / 1_000_000);
      ContentScanner scanner = ContentScanner.of(engine);
      current.set(new Cached(key, scanner));
      return scanner;
    }
  }

  /** How many engines were built (tests: proves no per-request rebuild). */
  int builds() {
    return builds.get();
  }
}
