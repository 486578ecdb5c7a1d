/**
 * Policy-defined detectors: trade-secret markers and dictionaries, fingerprints of protected source
 * code, and administrator-written custom rules compiled with a linear-time engine (RE2/J).
 *
 * <p>Public API: {@link dev.tether.core.rules.tradesecret.TradeSecretDetectors#forPolicy} (the
 * detectors of a policy; ids and types are listed there) and {@link
 * dev.tether.core.rules.tradesecret.ProtectedCodeFingerprinter} (for the console, when a repository
 * is registered as protected). Everything else is package-private.
 *
 * <p>Every detector runs in time linear in the text: literals through one Aho-Corasick pass, custom
 * rules through RE2/J, protected code through one tokenising pass per view. Literal detectors
 * declare their literals as prefilter keywords. No detector keeps or returns matched text, and
 * fingerprints are keyed hashes, never code.
 *
 * <p>Depends on {@code dev.tether.core.policy} and {@code dev.tether.core.rules}; never on other
 * detector packages or {@code jakarta.*}.
 */
package dev.tether.core.rules.tradesecret;
