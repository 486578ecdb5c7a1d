package dev.tether.agent.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The server's admin API over HTTP, as an administrator's script would call it. */
final class TetherAdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String adminToken;

  TetherAdminClient(String baseUrl, String adminToken) {
    this.baseUrl = baseUrl;
    this.adminToken = adminToken;
  }

  JsonNode post(String path, String json, int expectedStatus) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json)),
        expectedStatus);
  }

  JsonNode put(String path, String json, int expectedStatus) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(json)),
        expectedStatus);
  }

  JsonNode get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET(), 200);
  }

  private JsonNode send(HttpRequest.Builder request, int expectedStatus) throws Exception {
    HttpResponse<String> response =
        http.send(
            request
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expectedStatus) {
      throw new AssertionError(
          "expected HTTP "
              + expectedStatus
              + " from "
              + response.request().method()
              + " "
              + response.uri()
              + ", got "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }
}
