package dev.tether.agent.pipeline;

import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import java.util.List;

/**
 * The deterministic detectors as the pipeline sees them.
 *
 * <p>Lifecycle: one scanner is created when the pipeline is built. For each request the detector
 * stage calls {@link #forPolicy} with the active policy, then {@link #scan} on what it returns.
 * Production uses {@link #standard()}: one {@link RuleEngine#forPolicy} engine per activated policy
 * (built on first use, reused until the policy changes), so policy-defined detectors apply. Tests
 * may pass a scanner that throws to prove fail-closed: anything thrown blocks the request.
 */
public interface ContentScanner {
  /** All findings; throws for text longer than {@link #maxChars()}. */
  List<Finding> scan(CharSequence text);

  /** Longest text accepted. */
  int maxChars();

  /**
   * The scanner to use under {@code policy}: by default this one. Must be cheap after the first
   * call for a given policy (no rebuilding per request).
   */
  default ContentScanner forPolicy(ActivePolicy policy) {
    return this;
  }

  /** The core rule engine with the built-in detectors plus each active policy's detectors. */
  static ContentScanner standard() {
    return new PolicyScanners(RuleEngine::forPolicy);
  }

  /** A scanner over {@code engine}, the same under every policy. */
  static ContentScanner of(RuleEngine engine) {
    return new ContentScanner() {
      @Override
      public List<Finding> scan(CharSequence text) {
        return engine.scan(text);
      }

      @Override
      public int maxChars() {
        return RuleEngine.MAX_SCAN_CHARS;
      }
    };
  }
}
