package dev.tether.server.web;

import dev.tether.server.policy.identity.RoleGrant;
import java.util.List;

/** Bodies of the identity admin endpoints (users, API tokens). */
final class AccessRequests {
  private AccessRequests() {}

  /**
   * {@code {"username","password"?,"roles":[{"role","tenant"}]}}; no password: one is generated.
   */
  record NewUser(String username, String password, List<RoleGrant> roles) {
    @Override
    public String toString() {
      return "NewUser[username=" + username + ", password=masked, roles=" + roles + "]";
    }
  }

  /** {@code {"roles":[{"role","tenant"}]}}. */
  record Roles(List<RoleGrant> roles) {}

  /** {@code {"name","roles":[...],"expiresInDays":90}}. */
  record NewToken(String name, List<RoleGrant> roles, Integer expiresInDays) {}
}
