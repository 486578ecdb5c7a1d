package dev.tether.agent.update;

import dev.tether.agent.server.AgentVersion;
import dev.tether.core.api.AgentApi;
import dev.tether.core.bundle.AgentRelease;
import dev.tether.core.crypto.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The release endpoints of the agent API. The record is read with a hard limit of {@link
 * AgentRelease#MAX_ENVELOPE_BYTES}; the artifact is streamed to a caller-provided stream and cut
 * off the moment it exceeds the size the caller expects (the signed size), while its SHA-256 is
 * computed. No proxy, no redirects; the credential is never logged.
 */
public final class UpdateClient {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** Whole-download bound: a server trickling bytes is cut off. */
  static final Duration ARTIFACT_DEADLINE = Duration.ofMinutes(30);

  private final String baseUrl;
  private final SecretBytes credential;
  private final HttpClient http;

  public UpdateClient(String baseUrl, SecretBytes credential) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
    this.credential = Objects.requireNonNull(credential, "credential");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .proxy(HttpClient.Builder.NO_PROXY)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A fetched record: the envelope bytes and the ETag. */
  public record Fetched(byte[] envelope, String etag) {}

  /**
   * The platform's newest release record; empty when the server has none (404) or it is unchanged
   * since {@code etag} (304: the caller keeps what it has).
   */
  public Optional<Fetched> fetchRelease(String platform, String etag)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(AgentApi.RELEASES + platform);
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    HttpResponse<InputStream> response =
        http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = closeAfter(response.body(), REQUEST_TIMEOUT)) {
      int status = response.statusCode();
      if (status == 404 || status == 304) {
        return Optional.empty();
      }
      if (status != 200) {
        throw new IOException(
            AgentApi.RELEASES + platform + ": HTTP " + status + " " + snippet(body));
      }
      byte[] bytes = body.readNBytes(AgentRelease.MAX_ENVELOPE_BYTES + 1);
      if (bytes.length > AgentRelease.MAX_ENVELOPE_BYTES) {
        throw new IOException(
            AgentApi.RELEASES
                + platform
                + ": response exceeds the limit of "
                + AgentRelease.MAX_ENVELOPE_BYTES
                + " bytes (cut off)");
      }
      return Optional.of(new Fetched(bytes, response.headers().firstValue("ETag").orElse(null)));
    }
  }

  /** Size and {@code sha256:<hex>} of downloaded bytes. */
  public record Digest(long size, String sha256) {}

  /**
   * Streams the platform's artifact into {@code out}, refusing more than {@code expectedSize} bytes
   * (a longer body or a larger {@code Content-Length} is cut off and fails).
   */
  public Digest downloadArtifact(String platform, long expectedSize, OutputStream out)
      throws IOException, InterruptedException {
    String path = AgentApi.RELEASES + platform + "/artifact";
    HttpRequest request = request(path).header("Accept", "application/octet-stream").GET().build();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = closeAfter(response.body(), ARTIFACT_DEADLINE)) {
      if (response.statusCode() != 200) {
        throw new IOException(path + ": HTTP " + response.statusCode() + " " + snippet(body));
      }
      long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (announced > expectedSize) {
        throw new IOException(
            path + ": Content-Length " + announced + " exceeds the signed size " + expectedSize);
      }
      MessageDigest sha = sha256();
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        total += n;
        if (total > expectedSize) {
          throw new IOException(
              path + ": body exceeds the signed size of " + expectedSize + " bytes (cut off)");
        }
        sha.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
      return new Digest(total, "sha256:" + HexFormat.of().formatHex(sha.digest()));
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json")
        .header("User-Agent", "tether-agent/" + AgentVersion.get())
        .header(
            "Authorization",
            "Bearer " + new String(credential.revealCopy(), StandardCharsets.UTF_8));
  }

  /**
   * Closes {@code body} after {@code deadline}, so a trickling server cannot block a read forever.
   */
  private static InputStream closeAfter(InputStream body, Duration deadline) {
    java.util.concurrent.CompletableFuture.delayedExecutor(
            deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              try {
                body.close();
              } catch (IOException e) {
                // already failing or closed
              }
            });
    return body;
  }

  private static String snippet(InputStream body) throws IOException {
    return new String(body.readNBytes(300), StandardCharsets.UTF_8).replaceAll("[\\r\\n]+", " ");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
