package dev.tether.agent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The admin API calls a fleet run needs, as an administrator's script makes them: create the tenant
 * and group, publish a policy, issue one single-use enrollment token per simulated device, and
 * afterwards count what the server stored. Fails with the status and path on any unexpected answer;
 * never puts the token in a message.
 */
final class FleetAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** A minimal valid policy when the run names none. */
  static final String MINIMAL_POLICY =
      """
      {"name": "Fleet simulator",
       "aiDestinations": [{"host": "api.openai.com", "provider": "OPENAI"},
                          {"host": "api.anthropic.com", "provider": "ANTHROPIC"}],
       "detectorModes": {"cloud-credentials": "BLOCK", "private-keys": "BLOCK"},
       "defaultMode": "ALLOW",
       "bundleLifetime": "P7D"}
      """;

  private final String base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .proxy(HttpClient.Builder.NO_PROXY)
          .build();

  FleetAdmin(URI server, String token) {
    this.base = server.toString().replaceAll("/+$", "");
    this.token = token;
  }

  /** Creates tenant and group and publishes {@code policyFile} (or the minimal policy). */
  long setUp(String tenant, String group, Path policyFile)
      throws IOException, InterruptedException {
    call("POST", "/api/v1/admin/tenants", json("id", tenant, "name", "Fleet " + tenant), 201);
    call(
        "POST",
        "/api/v1/admin/tenants/" + tenant + "/groups",
        json("id", group, "name", "Fleet " + group),
        201);
    return publish(tenant, group, policyFile);
  }

  /** Puts the draft and publishes it; returns the new version. */
  long publish(String tenant, String group, Path policyFile)
      throws IOException, InterruptedException {
    String policy =
        policyFile == null ? MINIMAL_POLICY : Files.readString(policyFile, StandardCharsets.UTF_8);
    String groupPath = "/api/v1/admin/tenants/" + tenant + "/groups/" + group + "/policy";
    HttpResponse<String> draft = send("GET", groupPath + "/draft", null, null);
    String etag =
        draft.statusCode() == 200 ? draft.headers().firstValue("ETag").orElse(null) : null;
    expect(send("PUT", groupPath + "/draft", policy, etag), 200, "PUT draft");
    return call("POST", groupPath + "/publish", "", 201).get("version").asLong();
  }

  /**
   * A new single-use enrollment token for the group (1 hour). One at a time, as an administrator's
   * script issues them: the server refuses concurrent admin writes now and then with 500 "admin
   * action log: not recorded" (the admin action log's append contends under load).
   */
  synchronized String enrollmentToken(String tenant, String group)
      throws IOException, InterruptedException {
    return call(
            "POST",
            "/api/v1/admin/tenants/" + tenant + "/groups/" + group + "/enrollment-tokens",
            "{\"ttlHours\":1}",
            201)
        .get("token")
        .asText();
  }

  /** Audit events the server has stored for the tenant. */
  long storedEvents(String tenant) throws IOException, InterruptedException {
    return call("GET", "/api/v1/admin/tenants/" + tenant + "/audit-events?limit=1", null, 200)
        .get("total")
        .asLong();
  }

  /** Hash-chain breaks the server recorded for the tenant's devices (at most 1000 counted). */
  int chainBreaks(String tenant) throws IOException, InterruptedException {
    return call(
            "GET",
            "/api/v1/admin/audit-log/tenants/" + tenant + "/chain-breaks?limit=1000",
            null,
            200)
        .size();
  }

  /** The tenant's devices (at most 1000), newest first. */
  JsonNode devices(String tenant) throws IOException, InterruptedException {
    return call("GET", "/api/v1/admin/tenants/" + tenant + "/devices?limit=1000", null, 200);
  }

  private JsonNode call(String method, String path, String body, int expected)
      throws IOException, InterruptedException {
    HttpResponse<String> response = send(method, path, body, null);
    expect(response, expected, method + " " + path);
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  private HttpResponse<String> send(String method, String path, String body, String ifMatch)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void expect(HttpResponse<String> response, int expected, String what)
      throws IOException {
    if (response.statusCode() != expected) {
      String body = response.body();
      throw new IOException(
          what
              + ": expected "
              + expected
              + ", got "
              + response.statusCode()
              + " "
              + body.substring(0, Math.min(300, body.length())));
    }
  }

  private static String json(String... keyValues) {
    com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      node.put(keyValues[i], keyValues[i + 1]);
    }
    return node.toString();
  }
}
