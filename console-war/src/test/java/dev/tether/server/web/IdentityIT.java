package dev.tether.server.web;

import static dev.tether.server.web.it.IdentityFlows.json;
import static dev.tether.server.web.it.IdentityFlows.jsonList;
import static dev.tether.server.web.it.IdentityFlows.unique;
import static dev.tether.server.web.it.ServerFlows.expect;
import static dev.tether.server.web.it.ServerFlows.problem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.server.web.it.IdentityFlows;
import dev.tether.server.web.it.IdentityFlows.Caller;
import dev.tether.server.web.it.IdentityFlows.Session;
import dev.tether.server.web.it.ServerFlows;
import dev.tether.server.web.it.ServerFlows.Scope;
import dev.tether.server.web.it.TetherHttp;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * Console sign-in, sessions, CSRF, lockout, API tokens, role changes, the admin action log and the
 * security headers, over HTTP against the real WAR on Payara Micro.
 */
@Tag("payara")
@ExtendWith(ArquillianExtension.class)
class IdentityIT {
  private static final String PASSWORD = "Correct-Horse-42-battery";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/tether.war"));
  }

  @ArquillianResource URL base;

  private TetherHttp http() throws Exception {
    return TetherHttp.create(base.toURI(), Path.of(System.getProperty("tether.it.dataDir")));
  }

  @Test
  @RunAsClient
  void login_sessionCookie_csrf_rotation_logout() throws Exception {
    TetherHttp http = http();
    IdentityFlows id = new IdentityFlows(http);
    Scope scope = new ServerFlows(http).createTenantAndGroup();
    Scope other = new ServerFlows(http).createTenantAndGroup();
    String user = unique("admin");
    id.createUser(user, PASSWORD, "TENANT_ADMIN@" + scope.tenant());

    // the same answer for a wrong password and an unknown user
    HttpResponse<byte[]> wrong = id.loginResponse(user, PASSWORD + "x");
    HttpResponse<byte[]> unknown = id.loginResponse(unique("nobody"), PASSWORD);
    problem(401, "unknown user or wrong password", wrong);
    problem(401, "unknown user or wrong password", unknown);
    assertArrayEquals(wrong.body(), unknown.body());
    assertTrue(wrong.headers().allValues("Set-Cookie").isEmpty());

    HttpResponse<byte[]> ok = expect(200, id.loginResponse(user, PASSWORD));
    String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
    String contextPath = base.getPath().replaceAll("/$", "");
    assertTrue(setCookie.contains("; Path=" + contextPath), setCookie);
    assertTrue(setCookie.contains("; HttpOnly"), setCookie);
    assertTrue(setCookie.contains("; SameSite=Strict"), setCookie);
    assertFalse(setCookie.contains("Secure"), "plain HTTP: no Secure attribute " + setCookie);
    Map<String, Object> me = json(ok);
    assertEquals(user, me.get("user"));
    assertEquals("LOCAL", me.get("kind"));
    assertEquals(
        List.of(Map.of("role", "TENANT_ADMIN", "tenant", scope.tenant())), me.get("roles"));
    assertEquals(900, ((Number) me.get("idleTimeoutSeconds")).intValue());
    Session session =
        new Session(IdentityFlows.sessionCookie(ok), (String) me.get("csrfToken"), me);
    assertFalse(new String(ok.body(), StandardCharsets.UTF_8).contains(session.cookie()));

    Caller noCsrf = id.cookie(session, false);
    Caller withCsrf = id.cookie(session, true);
    assertEquals(
        user, json(expect(200, noCsrf.call("GET", IdentityFlows.AUTH + "/me", null))).get("user"));
    expect(200, noCsrf.call("GET", ServerFlows.ADMIN + "/" + scope.tenant() + "/devices", null));
    Map<String, String> group = Map.of("id", "g2", "name", "G2");
    String groups = ServerFlows.ADMIN + "/" + scope.tenant() + "/groups";
    problem(403, "X-CSRF-Token", noCsrf.call("POST", groups, group));
    Session forged = new Session(session.cookie(), "not-the-token", me);
    problem(403, "X-CSRF-Token", id.cookie(forged, true).call("POST", groups, group));
    expect(201, withCsrf.call("POST", groups, group));
    problem(
        403,
        "tenant-admin",
        withCsrf.call("POST", ServerFlows.ADMIN + "/" + other.tenant() + "/groups", group));
    problem(
        403,
        "super-admin",
        withCsrf.call("POST", ServerFlows.ADMIN, Map.of("id", unique("t"), "name", "x")));

    // signing in again with the old cookie ends the old session (rotation)
    HttpResponse<byte[]> again =
        http.send(
            "POST",
            IdentityFlows.AUTH + "/login",
            Map.of("username", user, "password", PASSWORD),
            Map.of("Cookie", "TETHER_SESSION=" + session.cookie()));
    expect(200, again);
    assertNotEquals(session.cookie(), IdentityFlows.sessionCookie(again));
    problem(401, "authorization", noCsrf.call("GET", IdentityFlows.AUTH + "/me", null));
    Session second =
        new Session(IdentityFlows.sessionCookie(again), (String) json(again).get("csrfToken"), me);
    problem(
        403,
        "X-CSRF-Token",
        id.cookie(second, false).call("POST", IdentityFlows.AUTH + "/logout", null));
    HttpResponse<byte[]> out =
        expect(204, id.cookie(second, true).call("POST", IdentityFlows.AUTH + "/logout", null));
    assertTrue(out.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
    problem(
        401,
        "authorization",
        id.cookie(second, true).call("GET", IdentityFlows.AUTH + "/me", null));

    // the tenant's admin action log shows who created the group, and the refusal
    List<Map<String, Object>> actions =
        jsonList(
            expect(
                200,
                http.admin(
                    "GET", ServerFlows.ADMIN + "/" + scope.tenant() + "/admin-actions", null)));
    assertTrue(
        actions.stream()
            .anyMatch(
                a ->
                    user.equals(a.get("actor"))
                        && "POST".equals(a.get("method"))
                        && ((String) a.get("resource")).endsWith("/groups")
                        && "SUCCESS".equals(a.get("outcome"))),
        actions.toString());
    assertTrue(
        actions.stream()
            .anyMatch(
                a ->
                    user.equals(a.get("actor"))
                        && "DENIED".equals(a.get("outcome"))
                        && ((Number) a.get("status")).intValue() == 403),
        actions.toString());
    // another tenant's log does not show this tenant's actions
    List<Map<String, Object>> otherActions =
        jsonList(
            expect(
                200,
                http.admin(
                    "GET", ServerFlows.ADMIN + "/" + other.tenant() + "/admin-actions", null)));
    assertTrue(otherActions.stream().noneMatch(a -> scope.tenant().equals(a.get("tenant"))));
  }

  @Test
  @RunAsClient
  void lockout_afterFiveFailures_423EvenForTheRightPassword_sameForUnknownNames() throws Exception {
    TetherHttp http = http();
    IdentityFlows id = new IdentityFlows(http);
    Scope scope = new ServerFlows(http).createTenantAndGroup();
    String user = unique("locked");
    id.createUser(user, PASSWORD, "AUDITOR@" + scope.tenant());
    String ghost = unique("ghost");
    for (int i = 0; i < 5; i++) {
      problem(401, "wrong password", id.loginResponse(user, "Wrong-password-" + i));
      problem(401, "wrong password", id.loginResponse(ghost, "Wrong-password-" + i));
    }
    HttpResponse<byte[]> locked = id.loginResponse(user, PASSWORD);
    problem(423, "too many failed attempts", locked);
    long retry = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retry >= 1 && retry <= 30, "Retry-After " + retry);
    HttpResponse<byte[]> ghostLocked = id.loginResponse(ghost, PASSWORD);
    problem(423, "too many failed attempts", ghostLocked);
    assertArrayEquals(locked.body(), ghostLocked.body());
  }

  @Test
  @RunAsClient
  void apiTokens_scoped_shownOnce_revocable_andCannotExceedTheCreator() throws Exception {
    TetherHttp http = http();
    IdentityFlows id = new IdentityFlows(http);
    ServerFlows flows = new ServerFlows(http);
    Scope scope = flows.createTenantAndGroup();
    Scope other = flows.createTenantAndGroup();
    flows.saveDraft(other, 1);
    String[] token =
        id.createToken(id.bootstrap(), "ci pipeline", "POLICY_AUTHOR@" + scope.tenant());
    assertTrue(token[0].startsWith("tth_") && token[0].length() == 47, token[0]);
    Caller ci = id.bearer(token[0]);

    flows.saveDraft(scope, 1);
    expect(201, ci.call("POST", scope.groupPath() + "/policy/publish", Map.of("note", "from CI")));
    Map<String, Object> version =
        jsonList(expect(200, ci.call("GET", scope.groupPath() + "/policy/versions", null))).get(0);
    assertTrue(
        ((String) version.get("publishedBy")).startsWith("token:" + token[1] + ":"),
        version.toString());
    problem(403, "policy-author", ci.call("POST", other.groupPath() + "/policy/publish", null));
    problem(
        403,
        "tenant-admin",
        ci.call(
            "PUT",
            ServerFlows.ADMIN + "/" + scope.tenant() + "/judge",
            Map.of("enabled", false, "threshold", 0.5, "timeout", "PT1S")));
    problem(
        403,
        "tokens cannot create tokens",
        ci.call(
            "POST",
            IdentityFlows.TOKENS,
            Map.of("name", "x", "roles", IdentityFlows.roles("AUDITOR@" + scope.tenant()))));

    // a policy author cannot put approver rights on a token
    String author = unique("author");
    id.createUser(author, PASSWORD, "POLICY_AUTHOR@" + scope.tenant());
    Session s = id.login(author, PASSWORD);
    problem(
        403,
        "you do not hold",
        id.cookie(s, true)
            .call(
                "POST",
                IdentityFlows.TOKENS,
                Map.of("name", "x", "roles", IdentityFlows.roles("APPROVER@" + scope.tenant()))));
    String[] own = id.createToken(id.cookie(s, true), "mine", "AUDITOR@" + scope.tenant());
    List<Map<String, Object>> listed =
        jsonList(expect(200, id.cookie(s, true).call("GET", IdentityFlows.TOKENS, null)));
    assertEquals(List.of(own[1]), listed.stream().map(t -> t.get("id")).toList());
    assertFalse(
        new String(
                expect(200, http.admin("GET", IdentityFlows.TOKENS, null)).body(),
                StandardCharsets.UTF_8)
            .contains("tth_"));
    // someone else's token: 404, not revoked
    problem(
        404,
        "does not exist",
        id.cookie(s, true).call("DELETE", IdentityFlows.TOKENS + "/" + token[1], null));
    expect(200, ci.call("GET", scope.groupPath() + "/policy/versions", null));

    Map<String, Object> revoked =
        json(expect(200, http.admin("DELETE", IdentityFlows.TOKENS + "/" + token[1], null)));
    assertTrue(revoked.containsKey("revokedAt"));
    problem(401, "authorization", ci.call("GET", scope.groupPath() + "/policy/versions", null));
  }

  @Test
  @RunAsClient
  void roleChange_andPasswordChange_endSessions_andAreAuditedWithBeforeAfter() throws Exception {
    TetherHttp http = http();
    IdentityFlows id = new IdentityFlows(http);
    Scope scope = new ServerFlows(http).createTenantAndGroup();
    String user = unique("bob");
    // no password given: a generated one, shown once
    Map<String, Object> created =
        json(
            expect(
                201,
                http.admin(
                    "POST",
                    IdentityFlows.USERS,
                    Map.of(
                        "username",
                        user,
                        "roles",
                        IdentityFlows.roles("AUDITOR@" + scope.tenant())))));
    String initial = (String) created.get("initialPassword");
    assertEquals(24, initial.length());
    Session s = id.login(user, initial);
    String[] token = id.createToken(id.cookie(s, true), "reader", "AUDITOR@" + scope.tenant());

    Map<String, Object> after =
        json(
            expect(
                200,
                http.admin(
                    "PUT",
                    IdentityFlows.USERS + "/" + user + "/roles",
                    Map.of("roles", IdentityFlows.roles("APPROVER@" + scope.tenant())))));
    assertEquals(List.of(Map.of("role", "APPROVER", "tenant", scope.tenant())), after.get("roles"));
    problem(401, "authorization", id.cookie(s, true).call("GET", IdentityFlows.AUTH + "/me", null));
    problem(
        401,
        "authorization",
        id.bearer(token[0])
            .call("GET", ServerFlows.ADMIN + "/" + scope.tenant() + "/devices", null));

    Map<String, Object> change =
        jsonList(expect(200, http.admin("GET", "api/v1/admin/admin-actions?limit=50", null)))
            .stream()
            .filter(a -> ("/v1/admin/users/" + user + "/roles").equals(a.get("resource")))
            .findFirst()
            .orElseThrow();
    assertEquals("admin-token", change.get("actor"));
    assertEquals("BOOTSTRAP", change.get("actorKind"));
    assertTrue(((String) change.get("before")).contains("\"AUDITOR\""), change.toString());
    assertTrue(((String) change.get("after")).contains("\"APPROVER\""), change.toString());
    String everything =
        new String(
            expect(200, http.admin("GET", "api/v1/admin/admin-actions?limit=1000", null)).body(),
            StandardCharsets.UTF_8);
    assertFalse(everything.contains(initial), "a generated password never reaches the action log");
    assertFalse(everything.contains(token[0]), "a token never reaches the action log");

    Session s2 = id.login(user, initial);
    assertEquals(
        List.of(Map.of("role", "APPROVER", "tenant", scope.tenant())),
        s2.body().get("roles"),
        "the new roles are stored");
    Session other = id.login(user, initial);
    problem(
        400,
        "password",
        id.cookie(s2, true)
            .call(
                "POST",
                IdentityFlows.AUTH + "/password",
                Map.of("currentPassword", initial, "newPassword", "short")));
    HttpResponse<byte[]> changed =
        expect(
            200,
            id.cookie(s2, true)
                .call(
                    "POST",
                    IdentityFlows.AUTH + "/password",
                    Map.of("currentPassword", initial, "newPassword", PASSWORD)));
    problem(
        401, "authorization", id.cookie(other, true).call("GET", IdentityFlows.AUTH + "/me", null));
    problem(
        401, "authorization", id.cookie(s2, true).call("GET", IdentityFlows.AUTH + "/me", null));
    Session fresh =
        new Session(
            IdentityFlows.sessionCookie(changed),
            (String) json(changed).get("csrfToken"),
            Map.of());
    expect(200, id.cookie(fresh, false).call("GET", IdentityFlows.AUTH + "/me", null));
    problem(401, "wrong password", id.loginResponse(user, initial));
    Session last = id.login(user, PASSWORD);

    // a disabled account cannot sign in, and its sessions end
    expect(200, http.admin("DELETE", IdentityFlows.USERS + "/" + user, null));
    problem(
        401, "authorization", id.cookie(last, true).call("GET", IdentityFlows.AUTH + "/me", null));
    problem(401, "wrong password", id.loginResponse(user, PASSWORD));
  }

  @Test
  @RunAsClient
  void securityHeaders_onApiAnswersAndErrors() throws Exception {
    TetherHttp http = http();
    for (HttpResponse<byte[]> r :
        List.of(
            http.admin("GET", "api/v1/admin/audit-log/verifier-key", null),
            http.send("GET", "api/v1/admin/users", null, Map.of()),
            http.send("GET", "api/v1/agent/bundle", null, Map.of()))) {
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(
          csp.contains("default-src 'self'")
              && csp.contains("frame-ancestors 'none'")
              && !csp.contains("unsafe-inline"),
          r.uri() + " CSP " + csp);
      assertEquals(
          "nosniff",
          r.headers().firstValue("X-Content-Type-Options").orElse(""),
          r.uri().toString());
      assertEquals(
          "DENY", r.headers().firstValue("X-Frame-Options").orElse(""), r.uri().toString());
      assertEquals(
          "no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), r.uri().toString());
      assertEquals(
          "no-store", r.headers().firstValue("Cache-Control").orElse(""), r.uri().toString());
      assertTrue(
          r.headers().firstValue("Strict-Transport-Security").isEmpty(), "no HSTS over plain HTTP");
    }
  }
}
