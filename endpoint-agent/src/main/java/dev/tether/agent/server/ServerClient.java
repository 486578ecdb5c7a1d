package dev.tether.agent.server;

import dev.tether.core.api.AgentApi;
import dev.tether.core.api.AuditBatch;
import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.api.EnrollRequest;
import dev.tether.core.api.EnrollResponse;
import dev.tether.core.api.Heartbeat;
import dev.tether.core.api.HeartbeatResponse;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.crypto.SecretBytes;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Calls the agent API. Every response body is read with a bound; a non-2xx status becomes a {@link
 * ServerException} naming the path and status. Never logs the credential or a body.
 */
public final class ServerClient {
  /** Largest JSON response (other than the bundle) the agent reads. */
  public static final int MAX_RESPONSE_BYTES = 1024 * 1024;

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String baseUrl;
  private final SecretBytes credential;
  private final HttpClient http;

  private ServerClient(String baseUrl, SecretBytes credential) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
    this.credential = credential;
    // The agent's own traffic never goes through a proxy (least of all its own).
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .proxy(HttpClient.Builder.NO_PROXY)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A client for enrollment only (no credential yet). */
  public static ServerClient anonymous(String baseUrl) {
    return new ServerClient(baseUrl, null);
  }

  /** A client authenticating every call with the device credential. */
  public static ServerClient authenticated(String baseUrl, SecretBytes credential) {
    return new ServerClient(baseUrl, Objects.requireNonNull(credential, "credential"));
  }

  public EnrollResponse enroll(EnrollRequest request) throws IOException, InterruptedException {
    return postJson(AgentApi.ENROLL, request, EnrollResponse.class);
  }

  public HeartbeatResponse heartbeat(Heartbeat heartbeat) throws IOException, InterruptedException {
    return postJson(AgentApi.HEARTBEAT, heartbeat, HeartbeatResponse.class);
  }

  public AuditBatchResult uploadAudit(AuditBatch batch) throws IOException, InterruptedException {
    return postJson(AgentApi.AUDIT_EVENTS, batch, AuditBatchResult.class);
  }

  /**
   * Downloads the bundle. Returns empty on {@code 304 Not Modified}. A body longer than {@link
   * SignedBundle#MAX_ENVELOPE_BYTES} is cut off and rejected.
   */
  public Optional<BundleDownload> fetchBundle(String etag)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(AgentApi.BUNDLE).GET();
    if (etag != null && !etag.isBlank()) {
      request.header("If-None-Match", etag);
    }
    HttpResponse<InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() == 304) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new ServerException(AgentApi.BUNDLE, response.statusCode(), snippet(body));
      }
      byte[] bytes = readBounded(body, SignedBundle.MAX_ENVELOPE_BYTES, AgentApi.BUNDLE);
      return Optional.of(
          new BundleDownload(bytes, response.headers().firstValue("ETag").orElse(null)));
    }
  }

  private <T> T postJson(String path, Object body, Class<T> type)
      throws IOException, InterruptedException {
    HttpRequest request =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JsonCodec.write(body)))
            .build();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      if (response.statusCode() / 100 != 2) {
        throw new ServerException(path, response.statusCode(), snippet(in));
      }
      byte[] bytes = readBounded(in, MAX_RESPONSE_BYTES, path);
      try {
        return JsonCodec.read(bytes, type);
      } catch (IllegalArgumentException e) {
        throw new IOException(path + ": malformed response: " + e.getMessage(), e);
      }
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .header("User-Agent", "tether-agent/" + AgentVersion.get());
    if (credential != null) {
      builder.header(
          "Authorization", "Bearer " + new String(credential.revealCopy(), StandardCharsets.UTF_8));
    }
    return builder;
  }

  /** Reads at most {@code limit} bytes; one byte more means the body is rejected. */
  static byte[] readBounded(InputStream in, int limit, String path) throws IOException {
    byte[] bytes = in.readNBytes(limit + 1);
    if (bytes.length > limit) {
      throw new IOException(path + ": response exceeds the limit of " + limit + " bytes (cut off)");
    }
    return bytes;
  }

  private static String snippet(InputStream in) throws IOException {
    byte[] head = in.readNBytes(300);
    String text = new String(head, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+", " ");
    return text.isBlank() ? "" : text;
  }

  /** A downloaded envelope and its ETag (may be null). */
  public record BundleDownload(byte[] envelope, String etag) {
    public BundleDownload {
      envelope = Arrays.copyOf(envelope, envelope.length);
    }
  }
}
