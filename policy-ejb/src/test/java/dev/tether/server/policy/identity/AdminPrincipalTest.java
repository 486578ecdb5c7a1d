package dev.tether.server.policy.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.server.policy.TetherException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminPrincipalTest {
  private static AdminPrincipal who(String... grants) {
    return new AdminPrincipal(
        "u", PrincipalKind.LOCAL, java.util.Arrays.stream(grants).map(RoleGrant::decode).toList());
  }

  @ParameterizedTest(name = "{0} asks {1} in {2} -> {3}")
  @CsvSource({
    "TENANT_ADMIN@acme, POLICY_AUTHOR, acme, true,  'admin implies author in its tenant'",
    "TENANT_ADMIN@acme, POLICY_AUTHOR, beta, false, 'never in another tenant'",
    "TENANT_ADMIN@acme, SUPER_ADMIN,   acme, false, 'tenant admin is not super admin'",
    "TENANT_ADMIN@acme, AUDITOR,       ,     false, 'server-wide needs an all-tenant grant'",
    "AUDITOR@*,         AUDITOR,       ,     true,  'all-tenant auditor reads server-wide'",
    "AUDITOR@*,         APPROVER,      beta, false, 'auditor is read-only'",
    "APPROVER@acme,     POLICY_AUTHOR, acme, false, 'approver cannot publish (separate duties)'",
    "POLICY_AUTHOR@acme, APPROVER,     acme, false, 'author cannot approve'",
    "POLICY_AUTHOR@acme, AUDITOR,      acme, true,  'author reads'",
    "SUPER_ADMIN@*,     TENANT_ADMIN,  beta, true,  'super admin everywhere'",
  })
  void allows_table(String grant, Role role, String tenant, boolean expected, String note) {
    assertEquals(expected, who(grant).allows(role, tenant), note);
  }

  @Test
  void require_withoutGrant_throwsForbiddenNamingRoleAndTenant() {
    TetherException e =
        assertThrows(
            TetherException.class, () -> who("AUDITOR@acme").require(Role.TENANT_ADMIN, "acme"));
    assertEquals(TetherException.Kind.FORBIDDEN, e.kind());
    assertTrue(e.getMessage().contains("tenant-admin"), e.getMessage());
  }

  @Test
  void mayGrant_tenantAdminOnlyInsideItsTenantAndNeverSuperAdmin() {
    AdminPrincipal admin = who("TENANT_ADMIN@acme");
    assertTrue(admin.mayGrant(RoleGrant.decode("POLICY_AUTHOR@acme")));
    assertTrue(admin.mayGrant(RoleGrant.decode("TENANT_ADMIN@acme")));
    assertFalse(admin.mayGrant(RoleGrant.decode("AUDITOR@beta")));
    assertFalse(admin.mayGrant(RoleGrant.decode("AUDITOR@*")));
    assertFalse(admin.mayGrant(RoleGrant.everywhere(Role.SUPER_ADMIN)));
    assertFalse(who("POLICY_AUTHOR@acme").mayGrant(RoleGrant.decode("AUDITOR@acme")));
    assertTrue(who("POLICY_AUTHOR@acme").mayDelegate(RoleGrant.decode("AUDITOR@acme")));
    assertFalse(who("POLICY_AUTHOR@acme").mayDelegate(RoleGrant.decode("APPROVER@acme")));
  }

  @Test
  void grant_superAdminForOneTenant_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> new RoleGrant(Role.SUPER_ADMIN, "acme"));
    assertThrows(IllegalArgumentException.class, () -> new RoleGrant(Role.AUDITOR, "Not Valid"));
    assertThrows(IllegalArgumentException.class, () -> RoleGrant.decode("AUDITOR"));
    assertEquals(List.of(RoleGrant.decode("AUDITOR@acme")), Grants.decode("AUDITOR@acme"));
  }
}
