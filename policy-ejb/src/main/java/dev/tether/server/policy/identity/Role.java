package dev.tether.server.policy.identity;

import java.util.EnumSet;
import java.util.Set;

/**
 * Admin roles. A grant of a role also allows what the roles it {@link #implies} allow:
 *
 * <ul>
 *   <li>{@link #SUPER_ADMIN}: everything, every tenant, user management, server-wide endpoints.
 *   <li>{@link #TENANT_ADMIN}: everything inside a tenant (groups, enrolment tokens, keys, judge
 *       settings, users of the tenant) and what the roles below allow.
 *   <li>{@link #POLICY_AUTHOR}: policy drafts, publish, rollback; reads like an auditor.
 *   <li>{@link #APPROVER}: approve and deny Request-mode approvals; reads like an auditor.
 *   <li>{@link #AUDITOR}: read-only.
 * </ul>
 */
public enum Role {
  AUDITOR,
  APPROVER,
  POLICY_AUTHOR,
  TENANT_ADMIN,
  SUPER_ADMIN;

  /** True if holding this role allows what {@code required} allows. */
  public boolean implies(Role required) {
    return implied().contains(required);
  }

  private Set<Role> implied() {
    return switch (this) {
      case SUPER_ADMIN -> EnumSet.allOf(Role.class);
      case TENANT_ADMIN -> EnumSet.of(TENANT_ADMIN, POLICY_AUTHOR, APPROVER, AUDITOR);
      case POLICY_AUTHOR -> EnumSet.of(POLICY_AUTHOR, AUDITOR);
      case APPROVER -> EnumSet.of(APPROVER, AUDITOR);
      case AUDITOR -> EnumSet.of(AUDITOR);
    };
  }

  /**
   * Parses a role name ({@code TENANT_ADMIN} or {@code tenant-admin}, any case).
   *
   * @throws IllegalArgumentException naming the value
   */
  public static Role parse(String key, String value) {
    if (value != null) {
      String normal = value.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT);
      for (Role role : values()) {
        if (role.name().equals(normal)) {
          return role;
        }
      }
    }
    throw new IllegalArgumentException(
        key
            + ": expected one of super-admin, tenant-admin, policy-author, approver, auditor, got \""
            + (value == null ? null : value.length() > 40 ? value.substring(0, 40) + "..." : value)
            + "\"");
  }
}
