/**
 * Performance and comparison harness for the rule layer (profile {@code bench}, not part of {@code
 * verify}): JMH benchmarks of {@link dev.tether.core.rules.RuleEngine#standard()} on clean,
 * secret-bearing and adversarial payloads, and the small programs the secretlint comparison script
 * (core/bench/compare-secretlint.sh) runs: corpus export, corpus scan, and scoring.
 *
 * <p>Compiled together with the test sources so it can reuse the corpus builder; never referenced
 * from main or test code.
 */
package dev.tether.core.bench;
