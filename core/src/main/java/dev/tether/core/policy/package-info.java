/**
 * The policy as authored in the console: which destinations are AI services (and which provider
 * speaks there), which are blocked, which response each detector family and classification maps to,
 * and the trade-secret section ({@link dev.tether.core.policy.TradeSecrets}: markers, internal
 * domains, package prefixes, code names, dictionaries, protected-code fingerprints and custom RE2
 * rules). Records validate in their compact constructors; {@link
 * dev.tether.core.policy.PolicyDocument#validated()} rejects nonsense with messages that name the
 * key and index.
 *
 * <p>Depends on RE2/J (custom rules are compiled to validate them) and on {@code
 * dev.tether.core.rules.Severity}; never on detector implementations or {@code jakarta.*}.
 */
package dev.tether.core.policy;
