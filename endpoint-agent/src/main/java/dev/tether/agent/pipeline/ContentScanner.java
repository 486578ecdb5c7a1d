package dev.tether.agent.pipeline;

import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import java.util.List;

/**
 * The deterministic detectors as the pipeline sees them. Production uses {@link #standard()}
 * ({@link RuleEngine#standard()}); tests may pass a scanner that throws to prove fail-closed.
 */
public interface ContentScanner {
  /** All findings; throws for text longer than {@link #maxChars()}. */
  List<Finding> scan(CharSequence text);

  /** Longest text accepted. */
  int maxChars();

  /** The core rule engine with the standard detector families. */
  static ContentScanner standard() {
    RuleEngine engine = RuleEngine.standard();
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
