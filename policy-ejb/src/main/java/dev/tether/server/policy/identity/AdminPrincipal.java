package dev.tether.server.policy.identity;

import dev.tether.server.policy.TetherException;
import java.util.List;
import java.util.Objects;

/**
 * An authenticated admin: who (for the audit trail), how they authenticated, and what they may do.
 * The OIDC integration maps a signed-in user onto this record (kind {@link PrincipalKind#OIDC},
 * grants from its claim mapping) and opens a session with {@link AdminSessions#open}.
 *
 * @param name the account name, {@code oidc:<issuer-user>}, {@code token:<id>:<owner>} or {@code
 *     admin-token} (the bootstrap token); at most 200 characters
 * @param kind how the principal authenticated
 * @param grants roles held (possibly none: such a principal may only read its own identity)
 */
public record AdminPrincipal(String name, PrincipalKind kind, List<RoleGrant> grants) {
  /** Most grants one principal holds. */
  public static final int MAX_GRANTS = 64;

  /** The bootstrap token's principal: super-admin in every tenant. */
  public static final AdminPrincipal BOOTSTRAP =
      new AdminPrincipal(
          "admin-token", PrincipalKind.BOOTSTRAP, List.of(RoleGrant.everywhere(Role.SUPER_ADMIN)));

  public AdminPrincipal {
    Objects.requireNonNull(kind, "principal.kind: required");
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("principal.name: expected 1 to 200 characters");
    }
    grants = List.copyOf(grants == null ? List.of() : grants);
    if (grants.size() > MAX_GRANTS) {
      throw new IllegalArgumentException(
          "principal.grants: at most " + MAX_GRANTS + ", got " + grants.size());
    }
  }

  /** True if some grant allows {@code role} in {@code tenant} (null: server-wide). */
  public boolean allows(Role role, String tenant) {
    for (RoleGrant grant : grants) {
      if (grant.allows(role, tenant)) {
        return true;
      }
    }
    return false;
  }

  /** True if the principal holds a grant for every tenant with a role implying {@code role}. */
  public boolean allowsEverywhere(Role role) {
    return allows(role, null);
  }

  /**
   * Throws unless some grant allows {@code role} in {@code tenant}. The message names the role but
   * never whether the tenant exists.
   *
   * @throws TetherException FORBIDDEN
   */
  public void require(Role role, String tenant) {
    if (!allows(role, tenant)) {
      throw new TetherException(
          TetherException.Kind.FORBIDDEN,
          "forbidden: "
              + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
              + (tenant == null ? " for all tenants" : " in tenant \"" + tenant + "\"")
              + " required");
    }
  }

  /**
   * True if the principal may give {@code grant} to another account: it is an admin (tenant-admin
   * or super-admin) whose own grant covers it. Only a super-admin can make a super-admin.
   */
  public boolean mayGrant(RoleGrant grant) {
    return grants.stream().anyMatch(g -> g.role().implies(Role.TENANT_ADMIN) && g.covers(grant));
  }

  /**
   * True if the principal may put {@code grant} on an API token it creates (never more than held).
   */
  public boolean mayDelegate(RoleGrant grant) {
    return grants.stream().anyMatch(g -> g.covers(grant));
  }
}
