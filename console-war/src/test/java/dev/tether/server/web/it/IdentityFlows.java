package dev.tether.server.web.it;

import static dev.tether.server.web.it.ServerFlows.expect;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.json.JsonCodec;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sign-in, accounts and API tokens over HTTP, for the identity and isolation tests. */
public final class IdentityFlows {
  /** The admin API roots of the identity endpoints. */
  public static final String USERS = "api/v1/admin/users";

  public static final String TOKENS = "api/v1/admin/api-tokens";
  public static final String AUTH = "api/v1/auth";

  private final TetherHttp http;

  public IdentityFlows(TetherHttp http) {
    this.http = http;
  }

  /** A way to call the admin API as someone: a bearer token or a cookie session. */
  public interface Caller {
    HttpResponse<byte[]> call(String method, String path, Object body);
  }

  /** A signed-in console session: the cookie value and its CSRF token. */
  public record Session(String cookie, String csrf, Map<String, Object> body) {}

  /** Calls as a bearer token (API token or bootstrap). */
  public Caller bearer(String token) {
    return (method, path, body) ->
        http.send(method, path, body, Map.of("Authorization", "Bearer " + token));
  }

  /** Calls with the session cookie, adding the CSRF header when {@code withCsrf}. */
  public Caller cookie(Session session, boolean withCsrf) {
    return (method, path, body) -> {
      Map<String, String> headers = new HashMap<>();
      headers.put("Cookie", "TETHER_SESSION=" + session.cookie());
      if (withCsrf) {
        headers.put("X-CSRF-Token", session.csrf());
      }
      return http.send(method, path, body, headers);
    };
  }

  /** A unique account or tenant name for this run. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates an account (as the bootstrap admin) with a chosen password. */
  public void createUser(String username, String password, String... grants) {
    Map<String, Object> body = new HashMap<>();
    body.put("username", username);
    if (password != null) {
      body.put("password", password);
    }
    body.put("roles", roles(grants));
    expect(201, http.admin("POST", USERS, body));
  }

  /** {@code ROLE@tenant} strings as the API's role list. */
  public static List<Map<String, String>> roles(String... grants) {
    return java.util.Arrays.stream(grants)
        .map(
            g -> {
              int at = g.indexOf('@');
              return Map.of("role", g.substring(0, at), "tenant", g.substring(at + 1));
            })
        .toList();
  }

  /** Raw login. */
  public HttpResponse<byte[]> loginResponse(String username, String password) {
    return http.send(
        "POST", AUTH + "/login", Map.of("username", username, "password", password), Map.of());
  }

  /** Signs in; asserts 200 and a session cookie. */
  public Session login(String username, String password) {
    HttpResponse<byte[]> r = expect(200, loginResponse(username, password));
    String cookie = sessionCookie(r);
    Map<String, Object> body = json(r);
    return new Session(cookie, (String) body.get("csrfToken"), body);
  }

  /** The TETHER_SESSION value of a Set-Cookie header. */
  public static String sessionCookie(HttpResponse<byte[]> r) {
    String header =
        r.headers().allValues("Set-Cookie").stream()
            .filter(v -> v.startsWith("TETHER_SESSION="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no TETHER_SESSION cookie: " + r.headers()));
    String value = header.substring("TETHER_SESSION=".length()).split(";")[0];
    assertTrue(value.length() >= 40, "session id length " + value.length());
    return value;
  }

  /** Creates an API token (as {@code creator}) and returns {@code [token, id]}. */
  public String[] createToken(Caller creator, String name, String... grants) {
    Map<String, Object> created =
        json(
            expect(
                201,
                creator.call(
                    "POST",
                    TOKENS,
                    Map.of("name", name, "roles", roles(grants), "expiresInDays", 1))));
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) created.get("details");
    return new String[] {(String) created.get("token"), (String) details.get("id")};
  }

  /** The bootstrap admin. */
  public Caller bootstrap() {
    return http::admin;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> json(HttpResponse<byte[]> r) {
    return JsonCodec.read(r.body(), Map.class);
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> jsonList(HttpResponse<byte[]> r) {
    return JsonCodec.read(r.body(), List.class);
  }
}
