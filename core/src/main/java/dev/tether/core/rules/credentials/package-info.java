/**
 * Built-in credential detectors (families {@code *-credentials}, {@code private-keys}, {@code
 * generic-secrets}): documented prefixes, lengths, charsets, embedded checksums, keyword context
 * and entropy, with documentation examples and placeholders suppressed. {@link
 * dev.tether.core.rules.credentials.CredentialDetectors#all()} lists them.
 */
package dev.tether.core.rules.credentials;
