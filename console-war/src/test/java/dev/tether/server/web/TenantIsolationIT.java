package dev.tether.server.web;

import static dev.tether.server.web.it.IdentityFlows.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.server.policy.identity.Role;
import dev.tether.server.web.it.AdminEndpoints;
import dev.tether.server.web.it.AdminEndpoints.Endpoint;
import dev.tether.server.web.it.IdentityFlows;
import dev.tether.server.web.it.IdentityFlows.Caller;
import dev.tether.server.web.it.ServerFlows;
import dev.tether.server.web.it.ServerFlows.Scope;
import dev.tether.server.web.it.TetherHttp;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The tenant isolation suite. Every admin endpoint, enumerated by reflection from the JAX-RS
 * resources ({@link AdminEndpoints}, so a new endpoint is covered without editing this test), is
 * called over HTTP:
 *
 * <ol>
 *   <li>by tenant A's tenant-admin (API token and console session) with tenant B's ids: refused
 *       with 403 or 404, never served;
 *   <li>by each lesser role of tenant B itself: 403 exactly where the access matrix says the role
 *       is insufficient, and not 401/403 where it suffices (so the rule checked is the rule
 *       documented, not a blanket refusal).
 * </ol>
 *
 * Endpoints open to any signed-in principal ({@link SignedIn}) decide per object; each has a row in
 * {@link #objectLevel} and an endpoint without one fails the suite.
 */
@Tag("payara")
@ExtendWith(ArquillianExtension.class)
class TenantIsolationIT {
  private static final String PASSWORD = "Isolation-Suite-42-pw";
  private static final Set<Role> TENANT_ROLES =
      Set.of(Role.AUDITOR, Role.APPROVER, Role.POLICY_AUTHOR, Role.TENANT_ADMIN);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/tether.war"));
  }

  @ArquillianResource URL base;

  private TetherHttp http;
  private IdentityFlows id;
  private Scope a;
  private Scope b;
  private String userB;
  private String tokenIdB;

  @Test
  @RunAsClient
  void everyAdminEndpoint_refusesOtherTenantsIds_andInsufficientRoles() throws Exception {
    http = TetherHttp.create(base.toURI(), Path.of(System.getProperty("tether.it.dataDir")));
    id = new IdentityFlows(http);
    ServerFlows flows = new ServerFlows(http);
    a = flows.createTenantAndGroup();
    b = flows.createTenantAndGroup();
    flows.publish(b, 1);
    userB = unique("user-b");
    id.createUser(userB, PASSWORD, "AUDITOR@" + b.tenant());
    tokenIdB = id.createToken(id.bootstrap(), "b's token", "AUDITOR@" + b.tenant())[1];

    List<Endpoint> endpoints = new ArrayList<>(AdminEndpoints.all());
    // signing out ends the session caller's session: call it last
    endpoints.sort(java.util.Comparator.comparing(e -> e.path().endsWith("logout")));
    assertTrue(endpoints.size() >= 35, "endpoints found: " + endpoints.size());
    Map<String, String> bIds =
        Map.of(
            "tenant",
            b.tenant(),
            "group",
            b.group(),
            "version",
            "1",
            "username",
            userB,
            "keyId",
            "k-unknown",
            "id",
            "unknown-id");

    String adminA = unique("admin-a");
    id.createUser(adminA, PASSWORD, "TENANT_ADMIN@" + a.tenant());
    Caller adminAToken =
        id.bearer(id.createToken(id.bootstrap(), "a admin", "TENANT_ADMIN@" + a.tenant())[0]);
    Caller adminASession = id.cookie(id.login(adminA, PASSWORD), true);

    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Endpoint e : endpoints) {
      for (Caller caller : List.of(adminAToken, adminASession)) {
        String path = e.resolve(e.path().contains("api-tokens") ? Map.of("id", tokenIdB) : bIds);
        HttpResponse<byte[]> r = caller.call(e.method(), "api/" + path, Map.of());
        checked++;
        if (e.requires() != null) {
          if (r.statusCode() != 403 && r.statusCode() != 404) {
            failures.add(e + " as A's admin with B's ids: " + r.statusCode());
          }
        } else if (e.signedIn()) {
          objectLevel(e, r, failures);
        } else {
          failures.add(e + ": no access rule");
        }
      }
    }

    // object-level endpoints with B's grants in a well-formed body
    for (Caller caller : List.of(adminAToken, id.cookie(id.login(adminA, PASSWORD), true))) {
      expectStatus(
          failures,
          403,
          caller.call(
              "POST",
              IdentityFlows.USERS,
              Map.of(
                  "username",
                  unique("evil"),
                  "roles",
                  IdentityFlows.roles("TENANT_ADMIN@" + b.tenant()))));
      expectStatus(
          failures,
          403,
          caller.call(
              "PUT",
              IdentityFlows.USERS + "/" + adminA + "/roles",
              Map.of("roles", IdentityFlows.roles("TENANT_ADMIN@" + b.tenant()))));
      expectStatus(
          failures,
          403,
          caller.call(
              "POST",
              IdentityFlows.TOKENS,
              Map.of("name", "x", "roles", IdentityFlows.roles("AUDITOR@" + b.tenant()))));
      expectStatus(
          failures,
          404,
          caller.call(
              "PUT",
              IdentityFlows.USERS + "/" + userB + "/roles",
              Map.of("roles", IdentityFlows.roles("AUDITOR@" + a.tenant()))));
    }

    // lesser roles of B itself
    for (Role role : TENANT_ROLES) {
      Caller caller =
          id.bearer(id.createToken(id.bootstrap(), "b " + role, role.name() + "@" + b.tenant())[0]);
      for (Endpoint e : endpoints) {
        if (e.requires() == null
            || e.method().equals("DELETE") && e.path().contains("api-tokens")) {
          continue;
        }
        HttpResponse<byte[]> r = caller.call(e.method(), "api/" + e.resolve(bIds), Map.of());
        checked++;
        boolean serverWide = !e.path().contains("{tenant}");
        boolean allowed = !serverWide && role.implies(e.requires());
        int s = r.statusCode();
        if (!allowed && s != 403) {
          failures.add(e + " as " + role + " of B: expected 403, got " + s);
        } else if (allowed && (s == 401 || s == 403)) {
          failures.add(
              e + " as " + role + " of B: allowed by the matrix, got " + s + " " + body(r));
        }
      }
    }
    assertEquals(List.of(), failures);
    assertTrue(checked >= 200, "calls checked: " + checked);
  }

  /** Expectations for endpoints that decide per object, called by A's admin on B's objects. */
  private void objectLevel(Endpoint e, HttpResponse<byte[]> r, List<String> failures) {
    String key = e.method() + " " + e.path();
    int s = r.statusCode();
    String body = body(r);
    boolean ok =
        switch (key) {
          case "GET v1/admin/tenants" -> s == 200 && !body.contains(b.tenant());
          case "GET v1/admin/users" -> s == 200 && !body.contains(userB);
          case "POST v1/admin/users" -> s == 400 || s == 403; // {} body: no roles to grant
          case "PUT v1/admin/users/{username}/roles",
              "POST v1/admin/users/{username}/password-reset",
              "DELETE v1/admin/users/{username}" ->
              s == 404 || s == 400;
          case "GET v1/admin/api-tokens" -> s == 200 && !body.contains(tokenIdB);
          case "POST v1/admin/api-tokens" -> s == 400 || s == 403;
          case "DELETE v1/admin/api-tokens/{id}" -> s == 404;
          case "GET v1/admin/audit-log/verifier-key" -> s == 200; // the public key only
          case "GET v1/auth/me" -> s == 200 && !body.contains(b.tenant());
          case "POST v1/auth/logout" -> s == 204;
          case "POST v1/auth/password" -> s == 400 || s == 403;
          default -> {
            failures.add(e + ": @SignedIn endpoint without a row in the isolation suite");
            yield true;
          }
        };
    if (!ok) {
      failures.add(e + " as A's admin on B's objects: " + s + " " + body);
    }
  }

  private static void expectStatus(List<String> failures, int status, HttpResponse<byte[]> r) {
    if (r.statusCode() != status) {
      failures.add(
          r.request().method()
              + " "
              + r.uri().getPath()
              + ": expected "
              + status
              + ", got "
              + r.statusCode()
              + " "
              + body(r));
    }
  }

  private static String body(HttpResponse<byte[]> r) {
    String s = new String(r.body(), StandardCharsets.UTF_8);
    return s.length() > 300 ? s.substring(0, 300) : s;
  }
}
