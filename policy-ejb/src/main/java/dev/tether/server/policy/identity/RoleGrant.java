package dev.tether.server.policy.identity;

import dev.tether.core.bundle.Identifiers;
import java.util.Objects;

/**
 * One role held in one tenant, or in all tenants ({@link #ALL_TENANTS}). {@link Role#SUPER_ADMIN}
 * is only ever granted for all tenants.
 *
 * @param role the role
 * @param tenant a tenant id, or {@code "*"} for every tenant (present and future)
 */
public record RoleGrant(Role role, String tenant) {
  /** The tenant value of a grant that covers every tenant. */
  public static final String ALL_TENANTS = "*";

  public RoleGrant {
    Objects.requireNonNull(role, "grant.role: required");
    if (tenant == null || tenant.isBlank()) {
      throw new IllegalArgumentException("grant.tenant: required (a tenant id or \"*\")");
    }
    tenant = tenant.trim();
    if (!ALL_TENANTS.equals(tenant)) {
      Identifiers.require("grant.tenant", tenant);
    }
    if (role == Role.SUPER_ADMIN && !ALL_TENANTS.equals(tenant)) {
      throw new IllegalArgumentException(
          "grant.tenant: super-admin is granted for all tenants (\"*\"), got \"" + tenant + "\"");
    }
  }

  /** A grant for every tenant. */
  public static RoleGrant everywhere(Role role) {
    return new RoleGrant(role, ALL_TENANTS);
  }

  /** True if this grant covers every tenant. */
  public boolean allTenants() {
    return ALL_TENANTS.equals(tenant);
  }

  /**
   * True if this grant allows {@code required} in {@code tenant}; a null {@code tenant} means a
   * server-wide action, which only all-tenant grants allow.
   */
  public boolean allows(Role required, String tenant) {
    if (!role.implies(required)) {
      return false;
    }
    return allTenants() || (tenant != null && this.tenant.equals(tenant));
  }

  /** True if a holder of this grant may hand {@code other} to someone (never more than held). */
  public boolean covers(RoleGrant other) {
    return role.implies(other.role) && (allTenants() || tenant.equals(other.tenant));
  }

  /** {@code ROLE@tenant}, the stored form. */
  public String encode() {
    return role.name() + "@" + tenant;
  }

  /**
   * Parses {@link #encode()}'s form.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static RoleGrant decode(String encoded) {
    int at = encoded == null ? -1 : encoded.indexOf('@');
    if (at < 1) {
      throw new IllegalArgumentException("grant: expected ROLE@tenant, got \"" + encoded + "\"");
    }
    return new RoleGrant(
        Role.parse("grant.role", encoded.substring(0, at)), encoded.substring(at + 1));
  }
}
