package dev.tether.core.rules;

import java.util.List;
import java.util.Set;

/**
 * A deterministic detector.
 *
 * <p>Lifecycle: created once when a policy is activated (or once for the built-in set), then {@link
 * #scan} is called for every inspected text, concurrently from several threads. It must not keep
 * state between calls. If it throws, the request is blocked (fail closed). It must run in time
 * linear in the text length: no backtracking-prone patterns.
 */
public interface Detector {
  /** The family a policy maps to a response, e.g. {@code cloud-credentials}. */
  String family();

  /**
   * Prefilter keywords: lowercase literals, at least one of which occurs (case-insensitively) in
   * every text this detector can fire on. The engine skips the detector when none occurs. An empty
   * set means "always run" (use it only when no literal is always present).
   */
  default Set<String> keywords() {
    return Set.of();
  }

  /** All findings in {@code text}, in any order. Never returns {@code null}. */
  List<Finding> scan(CharSequence text);

  /**
   * True if this detector wants {@link #scan(CharSequence, int[])} called with the positions of its
   * keywords, which the engine's prefilter finds anyway (so the detector can skip its own pass for
   * them).
   */
  default boolean usesKeywordStarts() {
    return false;
  }

  /**
   * The same findings as {@link #scan(CharSequence)}, given {@code keywordStarts}: the ascending,
   * distinct offsets in {@code text} where an occurrence of one of {@link #keywords()} starts
   * (matched case-insensitively with ASCII folding, every occurrence). Called instead of {@link
   * #scan(CharSequence)} only if {@link #usesKeywordStarts()}.
   */
  default List<Finding> scan(CharSequence text, int[] keywordStarts) {
    return scan(text);
  }
}
