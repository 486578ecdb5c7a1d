package dev.tether.server.web;

import static dev.tether.server.web.it.ServerFlows.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.json.JsonCodec;
import dev.tether.server.web.it.ServerFlows;
import dev.tether.server.web.it.ServerFlows.Scope;
import dev.tether.server.web.it.TetherHttp;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * Single sign-on against a real OpenID provider ({@code no.nav.security:mock-oauth2-server})
 * started on an ephemeral loopback port: the server is configured through {@code oidc.properties}
 * in its data directory (read at sign-in, so no restart), and the browser is the JDK HttpClient
 * following redirects with a cookie jar.
 */
final class OidcSignOn implements AutoCloseable {
  static final String CLIENT_ID = "tether-console";
  static final String ISSUER_ID = "tether-it";
  private static final String SECRET = "it-client-secret-" + java.util.UUID.randomUUID();

  private final MockOAuth2Server provider;
  private final URI base;
  private final Path dataDir;

  /**
   * @param base the application's URL; the browser uses it on the loopback address, since a
   *     redirect URI must be https unless it points at a loopback host
   */
  OidcSignOn(URI base, Path dataDir) {
    this(base, dataDir, false);
  }

  /**
   * @param interactiveLogin whether the provider shows its own sign-in form (subject and claims
   *     typed by the user, as a real browser would) instead of answering from queued callbacks
   */
  OidcSignOn(URI base, Path dataDir, boolean interactiveLogin) {
    this.base = URI.create(base.getScheme() + "://127.0.0.1:" + base.getPort() + base.getRawPath());
    this.dataDir = dataDir;
    this.provider = new MockOAuth2Server(new OAuth2Config(interactiveLogin));
  }

  /** The provider's issuer URL (its sign-in page is under it). */
  URI issuer() {
    return provider.issuerUrl(ISSUER_ID).uri();
  }

  /** Starts the provider and writes the server's settings mapping a group to {@code grants}. */
  void start(Map<String, String> roleMappings) throws IOException {
    provider.start(InetAddress.getLoopbackAddress(), 0);
    Path secret = dataDir.resolve("oidc-client-secret");
    Files.writeString(secret, SECRET + "\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    StringBuilder settings = new StringBuilder();
    settings.append("issuer=").append(provider.issuerUrl(ISSUER_ID)).append('\n');
    settings.append("client-id=").append(CLIENT_ID).append('\n');
    settings.append("client-secret-file=oidc-client-secret\n");
    settings.append("redirect-uri=").append(base.resolve("api/v1/auth/oidc/callback")).append('\n');
    roleMappings.forEach(
        (group, grants) ->
            settings.append("role.").append(group).append('=').append(grants).append('\n'));
    Files.writeString(dataDir.resolve("oidc.properties"), settings);
  }

  /** The next sign-in at the provider yields these claims for {@code audience}. */
  void nextUser(String username, List<String> groups, List<String> audience) {
    provider.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            ISSUER_ID,
            "sub-" + username,
            "JWT",
            audience,
            Map.of("preferred_username", username, "groups", groups),
            3600));
  }

  /** A fresh browser: cookie jar, follows redirects. */
  static Browser browser() {
    CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    return new Browser(client, cookies);
  }

  record Browser(HttpClient client, CookieManager cookies) {
    HttpResponse<String> get(URI uri, Map<String, String> headers) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
      headers.forEach(request::header);
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(URI uri, String json, Map<String, String> headers) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json));
      headers.forEach(request::header);
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    boolean hasCookie(String name) {
      return cookies.getCookieStore().getCookies().stream().anyMatch(c -> c.getName().equals(name));
    }
  }

  /** The whole suite: sign-in, session use, CSRF, tenant scope, refusals, audit. */
  void runs(TetherHttp http) throws Exception {
    ServerFlows flows = new ServerFlows(http);
    Scope mine = flows.createTenantAndGroup();
    Scope other = flows.createTenantAndGroup();
    start(
        Map.of(
            "tether-it-admins",
            "TENANT_ADMIN@" + mine.tenant(),
            "tether-it-auditors",
            "AUDITOR@" + other.tenant()));

    Map<?, ?> status =
        JsonCodec.read(
            expect(200, http.send("GET", "api/v1/auth/oidc", null, Map.of())).body(), Map.class);
    assertEquals(true, status.get("enabled"), status.toString());

    // 1. A mapped user signs in: provider -> callback -> console, with a session cookie.
    Browser alice = browser();
    nextUser("alice", List.of("tether-it-admins", "unmapped-group"), List.of(CLIENT_ID));
    HttpResponse<String> landed =
        alice.get(base.resolve("api/v1/auth/oidc/login?returnTo=/console/"), Map.of());
    assertEquals(base.resolve("console/"), landed.uri(), "lands on the console");
    assertTrue(alice.hasCookie("TETHER_SESSION"), "session cookie set");
    assertFalse(alice.hasCookie("TETHER_OIDC"), "sign-in cookie cleared");
    HttpResponse<String> me = alice.get(base.resolve("api/v1/auth/me"), Map.of());
    assertEquals(200, me.statusCode(), me.body());
    Map<?, ?> who = JsonCodec.read(me.body().getBytes(StandardCharsets.UTF_8), Map.class);
    assertEquals("oidc:alice", who.get("user"));
    assertEquals("OIDC", who.get("kind"));
    assertEquals(
        List.of(Map.of("role", "TENANT_ADMIN", "tenant", mine.tenant())), who.get("roles"));
    String csrf = (String) who.get("csrfToken");
    assertTrue(csrf != null && !csrf.isEmpty(), "a session has a CSRF token");

    // The session carries exactly the mapped grants: its tenant yes, another tenant no.
    assertEquals(
        200,
        alice
            .get(base.resolve(ServerFlows.ADMIN + "/" + mine.tenant() + "/devices"), Map.of())
            .statusCode());
    assertEquals(
        403,
        alice
            .get(base.resolve(ServerFlows.ADMIN + "/" + other.tenant() + "/devices"), Map.of())
            .statusCode());
    URI groups = base.resolve(ServerFlows.ADMIN + "/" + mine.tenant() + "/groups");
    String group = "{\"id\":\"sso-made\",\"name\":\"Made over SSO\"}";
    assertEquals(
        403,
        alice.post(groups, group, Map.of()).statusCode(),
        "a change without the CSRF token is refused");
    assertEquals(201, alice.post(groups, group, Map.of("X-CSRF-Token", csrf)).statusCode());

    // 2. A user whose groups map to no role: refused, no session.
    Browser mallory = browser();
    nextUser("mallory", List.of("everyone"), List.of(CLIENT_ID));
    HttpResponse<String> refused = mallory.get(base.resolve("api/v1/auth/oidc/login"), Map.of());
    assertEquals(403, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("no Tether role"), refused.body());
    assertFalse(mallory.hasCookie("TETHER_SESSION"));

    // (An ID token for another client, a foreign issuer or key, alg none, a replayed nonce or an
    // expired token cannot be produced by this provider on request: IdTokenValidatorTest signs
    // such tokens itself and checks each is refused.)

    // 4. A callback this browser did not start (login CSRF / stolen code): refused.
    Browser victim = browser();
    HttpResponse<String> forged =
        victim.get(base.resolve("api/v1/auth/oidc/callback?code=stolen&state=attacker"), Map.of());
    assertEquals(401, forged.statusCode(), forged.body());
    assertTrue(forged.body().contains("no sign-in in progress"), forged.body());
    // ... and one whose state differs from this browser's own sign-in.
    Browser carol = browser();
    HttpResponse<Void> begun =
        HttpClient.newBuilder()
            .cookieHandler(carol.cookies())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build()
            .send(
                HttpRequest.newBuilder(base.resolve("api/v1/auth/oidc/login")).build(),
                HttpResponse.BodyHandlers.discarding());
    assertEquals(302, begun.statusCode());
    String location = begun.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith(provider.issuerUrl(ISSUER_ID).toString()), location);
    assertTrue(
        location.contains("code_challenge_method=S256") && location.contains("nonce="), location);
    assertTrue(carol.hasCookie("TETHER_OIDC"));
    HttpResponse<String> mismatched =
        carol.get(base.resolve("api/v1/auth/oidc/callback?code=x&state=not-hers"), Map.of());
    assertEquals(401, mismatched.statusCode(), mismatched.body());
    assertTrue(mismatched.body().contains("state does not match"), mismatched.body());

    // 5. An open redirect through returnTo is refused.
    assertEquals(
        400,
        browser()
            .get(base.resolve("api/v1/auth/oidc/login?returnTo=//evil.example/"), Map.of())
            .statusCode());

    // 6. Every sign-in, accepted or refused, is in the admin action log.
    String log =
        new String(
            expect(200, http.admin("GET", "api/v1/admin/admin-actions?limit=200", null)).body(),
            StandardCharsets.UTF_8);
    assertTrue(log.contains("\"actor\":\"oidc:alice\""), log);
    assertTrue(log.contains("no Tether role is mapped to oidc:mallory"), log);
    assertFalse(log.contains(SECRET), "the client secret is never recorded");
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(dataDir.resolve("oidc.properties"));
    Files.deleteIfExists(dataDir.resolve("oidc-client-secret"));
    provider.shutdown();
  }
}
