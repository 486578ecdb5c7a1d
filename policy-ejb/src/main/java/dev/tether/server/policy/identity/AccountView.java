package dev.tether.server.policy.identity;

import java.time.Instant;
import java.util.List;

/**
 * A local account as listed (never the hash). {@code initialPassword} is set only in the answer
 * that created the account (or reset its password) without a chosen password, and is shown once.
 */
public record AccountView(
    String username,
    List<RoleGrant> roles,
    boolean disabled,
    Instant createdAt,
    String createdBy,
    String initialPassword) {
  @Override
  public String toString() {
    return "AccountView[username=" + username + ", roles=" + roles + ", disabled=" + disabled + "]";
  }

  static AccountView of(AdminAccount a, String initialPassword) {
    return new AccountView(
        a.username,
        Grants.decode(a.grants),
        a.disabled,
        Instant.ofEpochMilli(a.createdAt),
        a.createdBy,
        initialPassword);
  }
}
