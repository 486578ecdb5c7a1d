package dev.tether.core.api;

import dev.tether.core.bundle.TrustRoot;

/**
 * @param deviceId the id the server assigned
 * @param deviceCredential bearer secret for every later call; stored by the agent with owner-only
 *     permissions, stored by the server only as a hash
 * @param tenant the tenant the token belonged to
 * @param group the device group the token belonged to
 * @param trustRoot the keys the device pins for bundle verification
 */
public record EnrollResponse(
    String deviceId, String deviceCredential, String tenant, String group, TrustRoot trustRoot) {
  @Override
  public String toString() {
    return "EnrollResponse[deviceId="
        + deviceId
        + ", tenant="
        + tenant
        + ", group="
        + group
        + ", deviceCredential=masked]";
  }
}
