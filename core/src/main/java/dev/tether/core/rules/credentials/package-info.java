/**
 * Built-in credential detectors (families {@code *-credentials}, {@code private-keys}, {@code
 * generic-secrets}): documented prefixes, lengths, charsets, embedded checksums (GitHub, npm),
 * keyword context and entropy, with documentation examples, placeholders and references to other
 * variables suppressed. {@link dev.tether.core.rules.credentials.CredentialDetectors#all()} lists
 * them; one class per provider group holds the definitions.
 *
 * <p>Every detector declares lowercase prefilter keywords and only tries its pattern where one of
 * them occurs ({@link dev.tether.core.rules.support.AnchoredRegexDetector}), so scans are linear
 * and text without keywords costs almost nothing. Generic password detectors defer to the specific
 * detectors on the same value, so one secret yields one finding with its precise type.
 *
 * <p>Depends only on {@code dev.tether.core.rules}, {@code dev.tether.core.rules.support} and
 * {@code dev.tether.core.policy.DetectorFamilies}; never on the engine internals or other detector
 * packages.
 */
package dev.tether.core.rules.credentials;
