package dev.tether.core.api;

import dev.tether.core.bundle.SignedBundle;

/**
 * @param latestPolicyVersion newest published version for the device's group, 0 when none
 * @param latestRootVersion the tenant's current root metadata version, 0 when unknown; a device
 *     holding an older root fetches {@link AgentApi#ROOTS}
 * @param serverTime the server's time signed by the tenant's current signing key ({@link
 *     dev.tether.core.bundle.ServerTime}), {@code null} when the server could not sign; devices
 *     verify it and keep it as a clock floor
 */
public record HeartbeatResponse(
    long latestPolicyVersion, long latestRootVersion, SignedBundle serverTime) {

  /** A response announcing only the policy version. */
  public HeartbeatResponse(long latestPolicyVersion) {
    this(latestPolicyVersion, 0, null);
  }
}
