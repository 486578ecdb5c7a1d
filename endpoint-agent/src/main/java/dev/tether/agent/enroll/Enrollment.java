package dev.tether.agent.enroll;

import dev.tether.core.bundle.PolicyScope;
import dev.tether.core.bundle.TrustRoot;
import java.util.Objects;

/**
 * What {@code enrollment.json} holds: where the server is, who this device is, and the keys it
 * pinned for bundle verification. Nothing secret.
 */
public record Enrollment(
    String serverUrl, String deviceId, String tenant, String group, TrustRoot trustRoot) {
  public Enrollment {
    if (serverUrl == null || serverUrl.isBlank()) {
      throw new IllegalArgumentException("enrollment.serverUrl: required");
    }
    if (deviceId == null || deviceId.isBlank() || deviceId.length() > 255) {
      throw new IllegalArgumentException(
          "enrollment.deviceId: expected 1..255 characters, got \"" + deviceId + "\"");
    }
    Objects.requireNonNull(trustRoot, "enrollment.trustRoot: required");
    new PolicyScope(tenant, group);
  }

  public PolicyScope scope() {
    return new PolicyScope(tenant, group);
  }
}
