package dev.tether.server.policy;

/**
 * A root version just written.
 *
 * @param version the new root version
 * @param fingerprint its root-key fingerprint
 * @param signingKeyId the signing key that signs from now on
 */
public record RootChange(long version, String fingerprint, String signingKeyId) {}
