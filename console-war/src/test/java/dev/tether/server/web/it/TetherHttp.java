package dev.tether.server.web.it;

import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Calls a running Tether server's admin and agent APIs over HTTP; bodies via {@link JsonCodec}. */
public final class TetherHttp {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final String adminToken;

  private TetherHttp(URI base, String adminToken) {
    this.base = base;
    this.adminToken = adminToken;
  }

  /**
   * @param base the application's URL, e.g. {@code http://localhost:8080/tether/}
   * @param dataDir the server's data directory, where it wrote {@code admin-token}
   */
  public static TetherHttp create(URI base, Path dataDir) throws IOException {
    String root = base.toString().endsWith("/") ? base.toString() : base + "/";
    return new TetherHttp(
        URI.create(root), Files.readString(dataDir.resolve("admin-token")).trim());
  }

  /** An admin request with the admin token; {@code body} is encoded unless null. */
  public HttpResponse<byte[]> admin(String method, String path, Object body) {
    return send(method, path, body, Map.of("Authorization", "Bearer " + adminToken));
  }

  /** An admin request with the admin token and extra headers (e.g. If-Match). */
  public HttpResponse<byte[]> admin(
      String method, String path, Object body, Map<String, String> extra) {
    Map<String, String> headers = new java.util.HashMap<>(extra);
    headers.put("Authorization", "Bearer " + adminToken);
    return send(method, path, body, headers);
  }

  /** A request with exactly the given headers (no admin token). */
  public HttpResponse<byte[]> send(
      String method, String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
            .timeout(Duration.ofSeconds(60));
    headers.forEach(request::header);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
        request.header("Content-Type", "application/json");
      }
      byte[] bytes = body instanceof byte[] raw ? raw : JsonCodec.write(body);
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + method + " " + path, e);
    }
  }

  /** An agent request carrying the device credential (null: no Authorization header). */
  public HttpResponse<byte[]> agent(
      String method, String path, Object body, String credential, Map<String, String> extra) {
    Map<String, String> headers = new java.util.HashMap<>(extra);
    if (credential != null) {
      headers.put("Authorization", "Bearer " + credential);
    }
    return send(method, path, body, headers);
  }
}
