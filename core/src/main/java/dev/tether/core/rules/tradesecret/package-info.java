/**
 * Policy-defined detectors: trade-secret markers and dictionaries, fingerprints of protected source
 * code, and administrator-written custom rules compiled with a linear-time engine (RE2/J).
 */
package dev.tether.core.rules.tradesecret;
