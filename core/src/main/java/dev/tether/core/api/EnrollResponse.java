package dev.tether.core.api;

import dev.tether.core.bundle.SignedBundle;
import java.util.List;

/**
 * @param deviceId the id the server assigned
 * @param deviceCredential bearer secret for every later call; stored by the agent with owner-only
 *     permissions, stored by the server only as a hash
 * @param tenant the tenant the token belonged to
 * @param group the device group the token belonged to
 * @param rootChain the tenant's root metadata envelopes, oldest first, ending with the current root
 *     (at most {@link dev.tether.core.bundle.RootVerifier#MAX_CHAIN_LENGTH}); the device verifies
 *     them with {@link dev.tether.core.bundle.RootVerifier#trust} (against the fingerprint pinned
 *     in its install configuration, if any) and pins the result
 */
public record EnrollResponse(
    String deviceId,
    String deviceCredential,
    String tenant,
    String group,
    List<SignedBundle> rootChain) {
  public EnrollResponse {
    rootChain = rootChain == null ? List.of() : List.copyOf(rootChain);
  }

  @Override
  public String toString() {
    return "EnrollResponse[deviceId="
        + deviceId
        + ", tenant="
        + tenant
        + ", group="
        + group
        + ", roots="
        + rootChain.size()
        + ", deviceCredential=masked]";
  }
}
