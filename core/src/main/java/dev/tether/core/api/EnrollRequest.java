package dev.tether.core.api;

/**
 * @param token the single-use enrollment token an admin issued
 * @param devicePublicKey Base64 raw Ed25519 public key of the device (its private key never leaves
 *     the device)
 * @param hostname the device's host name, for the console
 * @param osUser the OS account the agent runs for
 * @param agentVersion the agent's version
 */
public record EnrollRequest(
    String token, String devicePublicKey, String hostname, String osUser, String agentVersion) {}
