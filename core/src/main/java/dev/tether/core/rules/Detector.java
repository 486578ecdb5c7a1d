package dev.tether.core.rules;

import java.util.List;

/**
 * A deterministic detector.
 *
 * <p>Lifecycle: created once when a policy is activated, then {@link #scan} is called for every
 * inspected request body, concurrently from several threads. It must not keep state between calls.
 * If it throws, the request is blocked (fail closed).
 */
public interface Detector {
  /** The family a policy maps to a response, e.g. {@code cloud-credentials}. */
  String family();

  /** All findings in {@code text}, in any order. Never returns {@code null}. */
  List<Finding> scan(CharSequence text);
}
