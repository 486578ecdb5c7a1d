package dev.tether.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.server.web.it.AdminEndpoints;
import dev.tether.server.web.it.AdminEndpoints.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every admin endpoint declares who may call it: {@link Requires} or {@link SignedIn}. The filter
 * refuses an endpoint with neither, and this test names it so the build fails first.
 */
class AccessRulesTest {
  @Test
  void everyAdminEndpoint_declaresAnAccessRule() {
    List<Endpoint> endpoints = AdminEndpoints.all();
    assertTrue(endpoints.size() >= 35, "admin endpoints found: " + endpoints.size());
    List<String> missing =
        endpoints.stream()
            .filter(e -> e.requires() == null && !e.signedIn())
            .map(Endpoint::toString)
            .toList();
    assertEquals(List.of(), missing, "admin endpoints without @Requires or @SignedIn");
  }

  @Test
  void tenantScopedRoles_onlyOnPathsWithATenant_orServerWideOnPurpose() {
    // a @Requires endpoint without {tenant} is server-wide: only all-tenant grants pass
    List<String> serverWide =
        AdminEndpoints.all().stream()
            .filter(e -> e.requires() != null && !e.path().contains("{tenant}"))
            .map(e -> e.method() + " " + e.path())
            .sorted()
            .toList();
    assertEquals(
        List.of(
            "GET v1/admin/admin-actions",
            "GET v1/admin/audit-log/checkpoint",
            "GET v1/admin/audit-log/consistency",
            "GET v1/admin/audit-log/inclusion",
            "GET v1/admin/audit-log/verify",
            "POST v1/admin/tenants"),
        serverWide);
  }
}
