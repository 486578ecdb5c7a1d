package dev.tether.core.api;

/**
 * @param token the single-use enrollment token an admin issued
 * @param devicePublicKey Base64 raw Ed25519 public key of the device (its private key never leaves
 *     the device)
 * @param hostname the device's host name, for the console
 * @param osUser the OS account the agent runs for
 * @param agentVersion the agent's version
 * @param os the operating system, e.g. {@code Linux 6.1.0 amd64}, for the console (optional)
 */
public record EnrollRequest(
    String token,
    String devicePublicKey,
    String hostname,
    String osUser,
    String agentVersion,
    String os) {

  /** A request without the operating system (older agents). */
  public EnrollRequest(
      String token, String devicePublicKey, String hostname, String osUser, String agentVersion) {
    this(token, devicePublicKey, hostname, osUser, agentVersion, null);
  }
}
