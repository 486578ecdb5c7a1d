package dev.tether.agent.server;

import dev.tether.core.api.AgentApi;
import dev.tether.core.api.AuditBatch;
import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.api.EnrollRequest;
import dev.tether.core.api.EnrollResponse;
import dev.tether.core.api.Heartbeat;
import dev.tether.core.api.HeartbeatResponse;
import dev.tether.core.api.JudgeRequest;
import dev.tether.core.api.JudgeResponse;
import dev.tether.core.api.RootsResponse;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.crypto.SecretBytes;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls the agent API. Every response body is read with a size bound and every exchange with a time
 * bound (a server trickling bytes is cut off); a non-2xx status becomes a {@link ServerException}
 * naming the path and status. Never logs the credential or a body.
 */
public final class ServerClient {
  /** Largest JSON response (other than the bundle) the agent reads. */
  public static final int MAX_RESPONSE_BYTES = 1024 * 1024;

  /** Largest root-metadata answer read (the server pages longer chains). */
  public static final int MAX_ROOTS_BYTES = 4 * 1024 * 1024;

  /** Default bound on one whole exchange: headers and body. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int SNIPPET_BYTES = 300;

  private final String baseUrl;
  private final SecretBytes credential;
  private final HttpClient http;
  private final Duration deadline;

  private ServerClient(String baseUrl, SecretBytes credential, Duration deadline) {
    this(baseUrl, credential, deadline, newHttpClient());
  }

  private ServerClient(String baseUrl, SecretBytes credential, Duration deadline, HttpClient http) {
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
    this.credential = credential;
    this.http = Objects.requireNonNull(http, "http");
  }

  /**
   * The HTTP client every agent uses for its server: no proxy (least of all its own), no redirects,
   * 10 s connect timeout.
   */
  public static HttpClient newHttpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .proxy(HttpClient.Builder.NO_PROXY)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** A client for enrollment only (no credential yet). */
  public static ServerClient anonymous(String baseUrl) {
    return new ServerClient(baseUrl, null, DEFAULT_DEADLINE);
  }

  /**
   * A client for enrollment only that sends through {@code http} (a client from {@link
   * #newHttpClient}, shared by several simulated devices in the fleet simulator).
   */
  public static ServerClient anonymous(String baseUrl, HttpClient http) {
    return new ServerClient(baseUrl, null, DEFAULT_DEADLINE, http);
  }

  /**
   * A client authenticating every call with the device credential, sending through {@code http}
   * (see {@link #anonymous(String, HttpClient)}).
   */
  public static ServerClient authenticated(
      String baseUrl, SecretBytes credential, Duration deadline, HttpClient http) {
    return new ServerClient(
        baseUrl, Objects.requireNonNull(credential, "credential"), deadline, http);
  }

  /** A client authenticating every call with the device credential. */
  public static ServerClient authenticated(String baseUrl, SecretBytes credential) {
    return authenticated(baseUrl, credential, DEFAULT_DEADLINE);
  }

  /**
   * A client authenticating every call with the device credential, bounding every exchange (headers
   * and body) by {@code deadline}.
   */
  public static ServerClient authenticated(
      String baseUrl, SecretBytes credential, Duration deadline) {
    return new ServerClient(baseUrl, Objects.requireNonNull(credential, "credential"), deadline);
  }

  public EnrollResponse enroll(EnrollRequest request) throws IOException, InterruptedException {
    return postJson(AgentApi.ENROLL, request, EnrollResponse.class);
  }

  public HeartbeatResponse heartbeat(Heartbeat heartbeat) throws IOException, InterruptedException {
    return postJson(AgentApi.HEARTBEAT, heartbeat, HeartbeatResponse.class);
  }

  /**
   * Asks the cloud judge ({@link AgentApi#JUDGE}); the whole exchange is bounded by {@code
   * deadline} (connection included). The caller sends only a redacted request.
   */
  public JudgeResponse judge(JudgeRequest request, Duration deadline)
      throws IOException, InterruptedException {
    return postJson(AgentApi.JUDGE, request, JudgeResponse.class, false, deadline);
  }

  /** Uploads an audit batch, gzip-compressed ({@code Content-Encoding: gzip}). */
  public AuditBatchResult uploadAudit(AuditBatch batch) throws IOException, InterruptedException {
    return uploadAudit(batch, null);
  }

  /**
   * Uploads an audit batch with the W3C {@code traceparent} of the agent's upload span (or none),
   * so the server's ingest span joins the agent's trace.
   */
  public AuditBatchResult uploadAudit(AuditBatch batch, String traceparent)
      throws IOException, InterruptedException {
    return postJson(
        AgentApi.AUDIT_EVENTS, batch, AuditBatchResult.class, true, deadline, traceparent);
  }

  /** Files a Request-mode approval request (idempotent per request id). */
  public dev.tether.core.api.ApprovalStatus fileApproval(dev.tether.core.api.ApprovalFiling filing)
      throws IOException, InterruptedException {
    return postJson(AgentApi.APPROVALS, filing, dev.tether.core.api.ApprovalStatus.class);
  }

  /** This device's approval requests and their states, newest first. */
  public dev.tether.core.api.ApprovalList approvals() throws IOException, InterruptedException {
    Exchange response =
        exchange(
            request(AgentApi.APPROVALS).GET().build(),
            MAX_RESPONSE_BYTES,
            AgentApi.APPROVALS,
            deadline);
    if (response.status() != 200) {
      throw new ServerException(AgentApi.APPROVALS, response.status(), response.snippet());
    }
    try {
      return JsonCodec.read(response.body(), dev.tether.core.api.ApprovalList.class);
    } catch (IllegalArgumentException e) {
      throw new IOException(AgentApi.APPROVALS + ": malformed response: " + e.getMessage(), e);
    }
  }

  /**
   * The tenant's root metadata newer than version {@code after} (oldest first); the caller verifies
   * it with {@code RootVerifier.update}. Bounded like every exchange ({@link #MAX_ROOTS_BYTES}).
   */
  public RootsResponse fetchRoots(long after) throws IOException, InterruptedException {
    Exchange response =
        exchange(
            request(AgentApi.ROOTS + "?after=" + after).GET().build(),
            MAX_ROOTS_BYTES,
            AgentApi.ROOTS,
            deadline);
    if (response.status() != 200) {
      throw new ServerException(AgentApi.ROOTS, response.status(), response.snippet());
    }
    try {
      return JsonCodec.read(response.body(), RootsResponse.class);
    } catch (IllegalArgumentException e) {
      throw new IOException(AgentApi.ROOTS + ": malformed response: " + e.getMessage(), e);
    }
  }

  /**
   * Downloads the bundle. Returns empty on {@code 304 Not Modified}. A body longer than {@link
   * SignedBundle#MAX_ENVELOPE_BYTES} is cut off and rejected; an exchange not complete within the
   * download deadline (a server trickling bytes) is cut off and fails.
   */
  public Optional<BundleDownload> fetchBundle(String etag)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(AgentApi.BUNDLE).GET();
    if (etag != null && !etag.isBlank()) {
      request.header("If-None-Match", etag);
    }
    Exchange response =
        exchange(request.build(), SignedBundle.MAX_ENVELOPE_BYTES, AgentApi.BUNDLE, deadline);
    if (response.status() == 304) {
      return Optional.empty();
    }
    if (response.status() != 200) {
      throw new ServerException(AgentApi.BUNDLE, response.status(), response.snippet());
    }
    return Optional.of(new BundleDownload(response.body(), response.etag()));
  }

  private <T> T postJson(String path, Object body, Class<T> type)
      throws IOException, InterruptedException {
    return postJson(path, body, type, false, deadline);
  }

  private <T> T postJson(String path, Object body, Class<T> type, boolean gzip, Duration deadline)
      throws IOException, InterruptedException {
    return postJson(path, body, type, gzip, deadline, null);
  }

  private <T> T postJson(
      String path, Object body, Class<T> type, boolean gzip, Duration deadline, String traceparent)
      throws IOException, InterruptedException {
    byte[] json = JsonCodec.write(body);
    HttpRequest.Builder builder = request(path).header("Content-Type", "application/json");
    if (traceparent != null) {
      builder.header("traceparent", traceparent);
    }
    if (gzip) {
      java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
      try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(compressed)) {
        out.write(json);
      }
      json = compressed.toByteArray();
      builder.header("Content-Encoding", "gzip");
    }
    HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
    Exchange response = exchange(request, MAX_RESPONSE_BYTES, path, deadline);
    if (response.status() / 100 != 2) {
      throw new ServerException(path, response.status(), response.snippet());
    }
    try {
      return JsonCodec.read(response.body(), type);
    } catch (IllegalArgumentException e) {
      throw new IOException(path + ": malformed response: " + e.getMessage(), e);
    }
  }

  /** Status, ETag and body (for a non-2xx status: its first bytes only) of one exchange. */
  private record Exchange(int status, String etag, byte[] body) {
    String snippet() {
      String text =
          new String(body, 0, Math.min(body.length, SNIPPET_BYTES), StandardCharsets.UTF_8)
              .replaceAll("[\\r\\n]+", " ");
      return text.isBlank() ? "" : text;
    }
  }

  /**
   * Sends {@code request} and collects the response within {@link #deadline}, reading at most
   * {@code limit} body bytes; on timeout the exchange is cancelled (connection closed).
   */
  private Exchange exchange(HttpRequest request, int limit, String path, Duration deadline)
      throws IOException, InterruptedException {
    AtomicReference<BoundedBody> body = new AtomicReference<>();
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(
            request,
            info -> {
              BoundedBody subscriber =
                  info.statusCode() / 100 == 2
                      ? new BoundedBody(limit, true, path)
                      : new BoundedBody(SNIPPET_BYTES, false, path);
              body.set(subscriber);
              return subscriber;
            });
    try {
      HttpResponse<byte[]> response = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return new Exchange(
          response.statusCode(),
          response.headers().firstValue("ETag").orElse(null),
          response.body());
    } catch (TimeoutException e) {
      HttpTimeoutException timeout =
          new HttpTimeoutException(
              path + ": response not complete within " + deadline + " (slow retrieval, cut off)");
      cancel(future, body.get(), timeout);
      throw timeout;
    } catch (InterruptedException e) {
      cancel(future, body.get(), new IOException("interrupted"));
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(path + ": " + cause, cause);
    }
  }

  private static void cancel(CompletableFuture<?> future, BoundedBody body, Exception cause) {
    if (body != null) {
      body.abort(cause);
    }
    future.cancel(true);
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

  /** A downloaded envelope and its ETag (may be null). */
  public record BundleDownload(byte[] envelope, String etag) {
    public BundleDownload {
      envelope = Arrays.copyOf(envelope, envelope.length);
    }
  }
}
