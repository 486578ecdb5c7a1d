package dev.tether.core.bundle;

/** Who a bundle is for: a tenant and one of its device groups. */
public record PolicyScope(String tenant, String group) {
  public PolicyScope {
    tenant = Identifiers.require("scope.tenant", tenant);
    group = Identifiers.require("scope.group", group);
  }
}
