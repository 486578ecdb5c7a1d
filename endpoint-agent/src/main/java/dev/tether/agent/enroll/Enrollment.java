package dev.tether.agent.enroll;

import dev.tether.core.bundle.PolicyScope;
import dev.tether.core.bundle.SignedBundle;
import java.util.Objects;

/**
 * What {@code enrollment.json} holds: where the server is, who this device is, and the keys it
 * pinned for bundle verification. Nothing secret.
 *
 * @param trustPinnedBy {@link #PIN_INSTALLER} when the trust root matched the one the installer
 *     pinned, {@link #PIN_FIRST_USE} when it was taken from the server at enrollment ({@code null}
 *     in records written before this field existed: first use)
 */
public record Enrollment(
    String serverUrl,
    String deviceId,
    String tenant,
    String group,
    SignedBundle trustRoot,
    String trustPinnedBy) {
  /** The trust root matched the installer's pin (MDM profile, --root-fingerprint, --trust-root). */
  public static final String PIN_INSTALLER = "installer";

  /** The trust root was taken from the server at enrollment (no pin given). */
  public static final String PIN_FIRST_USE = "first-use";

  /** A record without pin provenance (trust on first use). */
  public Enrollment(
      String serverUrl, String deviceId, String tenant, String group, SignedBundle trustRoot) {
    this(serverUrl, deviceId, tenant, group, trustRoot, PIN_FIRST_USE);
  }

  public Enrollment {
    if (serverUrl == null || serverUrl.isBlank()) {
      throw new IllegalArgumentException("enrollment.serverUrl: required");
    }
    if (deviceId == null || deviceId.isBlank() || deviceId.length() > 255) {
      throw new IllegalArgumentException(
          "enrollment.deviceId: expected 1..255 characters, got \"" + deviceId + "\"");
    }
    Objects.requireNonNull(trustRoot, "enrollment.trustRoot: required");
    trustPinnedBy = trustPinnedBy == null ? PIN_FIRST_USE : trustPinnedBy;
    if (!trustPinnedBy.equals(PIN_INSTALLER) && !trustPinnedBy.equals(PIN_FIRST_USE)) {
      throw new IllegalArgumentException(
          "enrollment.trustPinnedBy: expected installer or first-use, got \""
              + trustPinnedBy
              + "\"");
    }
    new PolicyScope(tenant, group);
  }

  /**
   * The scope bundles are verified against: tenant, group and this device (a group bundle applies,
   * a bundle for another device does not).
   */
  public PolicyScope scope() {
    return new PolicyScope(
        tenant, group, dev.tether.core.bundle.Identifiers.isValid(deviceId) ? deviceId : null);
  }
}
