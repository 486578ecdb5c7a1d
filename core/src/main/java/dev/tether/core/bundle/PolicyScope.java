package dev.tether.core.bundle;

/**
 * Who a bundle is for: a tenant, one of its device groups and, optionally, one device.
 *
 * <p>A device verifies with its own full scope (tenant, group, its device id). A bundle whose
 * {@code device} is absent applies to every device of the group; one that names a device applies to
 * that device only.
 *
 * @param tenant tenant id
 * @param group device group id
 * @param device device id, or {@code null} for the whole group
 */
public record PolicyScope(String tenant, String group, String device) {
  public PolicyScope {
    tenant = Identifiers.require("scope.tenant", tenant);
    group = Identifiers.require("scope.group", group);
    if (device != null) {
      Identifiers.require("scope.device", device);
    }
  }

  /** A group-wide scope (no device). */
  public PolicyScope(String tenant, String group) {
    this(tenant, group, null);
  }
}
