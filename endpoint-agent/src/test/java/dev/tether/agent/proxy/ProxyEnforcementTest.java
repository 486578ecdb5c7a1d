package dev.tether.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.enforce.Enforcement;
import dev.tether.agent.enforce.ModeHandlers;
import dev.tether.agent.enforce.ResponseRewriter;
import dev.tether.agent.testsupport.TestTls;
import dev.tether.agent.testsupport.TestUpstream;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.core.decision.Decision;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The proxy carries out exactly what enforcement says, over HTTP/1.1 and HTTP/2: an Answer as
 * given, a Forward with its replacement body (length corrected) and its response rewriter applied
 * chunk by chunk, also to a streamed (SSE) response.
 */
class ProxyEnforcementTest {
  static final String AWS_KEY = "AKIA" + "Q3EGRJ5XWZT7NB2H";
  static final AtomicReference<ModeHandlers> MODES = new AtomicReference<>();
  static TestUpstream upstream;
  static ProxyFixture proxy;

  /** Upper-cases every byte; holds nothing back. */
  static final ResponseRewriter UPPER =
      new ResponseRewriter() {
        @Override
        public byte[] rewrite(byte[] chunk) {
          return new String(chunk, StandardCharsets.UTF_8)
              .toUpperCase(Locale.ROOT)
              .getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] finish() {
          return "<END>".getBytes(StandardCharsets.UTF_8);
        }
      };

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    upstream = new TestUpstream(DeviceCa.generate("enforcement-upstream-ca"));
    ModeHandlers delegating =
        (request, result, decisions) -> MODES.get().enforce(request, result, decisions);
    proxy =
        new ProxyFixture(
            dir, TestPolicies.document(List.of()), delegating, upstream.writeCaPem(dir), null);
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  @BeforeEach
  void defaults() {
    MODES.set(ModeHandlers.none());
  }

  static HttpClient client(HttpClient.Version version) throws Exception {
    return HttpClient.newBuilder()
        .proxy(ProxySelector.of(proxy.address))
        .sslContext(TestTls.trusting(proxy.deviceCa.certificate()))
        .version(version)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  static HttpResponse<String> post(HttpClient.Version version, String path, String body)
      throws Exception {
    return client(version)
        .send(
            HttpRequest.newBuilder(URI.create("https://localhost:" + upstream.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = HttpClient.Version.class)
  void forward_replacementBodyAndRewriter_appliedExactly(HttpClient.Version version)
      throws Exception {
    String replacement = "{\"messages\":[{\"content\":\"[REDACTED-1]\"}]}";
    MODES.set(
        (request, result, decisions) ->
            new Enforcement.Forward(
                request.decisionId(), replacement.getBytes(StandardCharsets.UTF_8), UPPER));
    HttpResponse<String> response =
        post(version, "/v1/chat/completions", "{\"messages\":[{\"content\":\"original text\"}]}");
    assertEquals(version, response.version());
    assertEquals(201, response.statusCode());
    assertThat(upstream.bodies).contains(replacement).noneMatch(b -> b.contains("original text"));
    assertEquals(
        TestUpstream.replyFor(replacement.length()).toUpperCase(Locale.ROOT) + "<END>",
        response.body());
  }

  @Test
  void forward_rewriterOnServerSentEvents_streamsChunkByChunk() throws Exception {
    MODES.set(
        (request, result, decisions) -> new Enforcement.Forward(request.decisionId(), null, UPPER));
    HttpResponse<Stream<String>> response =
        client(HttpClient.Version.HTTP_1_1)
            .send(
                HttpRequest.newBuilder(
                        URI.create("https://localhost:" + upstream.port() + "/v1/stream"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    Iterator<String> lines = response.body().iterator();
    // The upstream holds the second event until the test saw the first (rewritten) one.
    CompletableFuture<String> first = CompletableFuture.supplyAsync(lines::next);
    assertEquals("DATA: FIRST", first.get(5, TimeUnit.SECONDS));
    upstream.streamGate.countDown();
    lines.next();
    assertEquals("DATA: SECOND", lines.next());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = HttpClient.Version.class)
  void answer_writtenAsGiven_nothingSentUpstream(HttpClient.Version version) throws Exception {
    MODES.set(
        (request, result, decisions) ->
            new Enforcement.Answer(
                request.decisionId(),
                429,
                "text/plain; charset=utf-8",
                "coach: see http://127.0.0.1/status".getBytes(StandardCharsets.UTF_8),
                Map.of("Retry-After", "7")));
    int before = upstream.bodies.size();
    HttpResponse<String> response =
        post(version, "/v1/chat/completions", "{\"messages\":[{\"content\":\"answer me\"}]}");
    assertEquals(429, response.statusCode());
    assertEquals("coach: see http://127.0.0.1/status", response.body());
    assertEquals("7", response.headers().firstValue("retry-after").orElse(null));
    assertThat(response.headers().firstValue("x-tether-decision-id")).isPresent();
    assertEquals(before, upstream.bodies.size());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = HttpClient.Version.class)
  void standardModes_credentialBlocked_cleanForwarded(HttpClient.Version version) throws Exception {
    HttpResponse<String> blocked =
        post(version, "/v1/chat/completions", "{\"messages\":[{\"content\":\"" + AWS_KEY + "\"}]}");
    assertEquals(403, blocked.statusCode());
    assertThat(blocked.body()).contains("credential_detected").doesNotContain(AWS_KEY);
    HttpResponse<String> clean =
        post(version, "/v1/chat/completions", "{\"messages\":[{\"content\":\"hello h2\"}]}");
    assertEquals(201, clean.statusCode());
    assertEquals(version, clean.version());
  }

  @Test
  void rewriterThrows_responseCutNeverPassedOnUnrewritten() {
    MODES.set(
        (request, result, decisions) ->
            new Enforcement.Forward(
                request.decisionId(),
                null,
                new ResponseRewriter() {
                  @Override
                  public byte[] rewrite(byte[] chunk) {
                    throw new IllegalStateException("boom");
                  }

                  @Override
                  public byte[] finish() {
                    return new byte[0];
                  }
                }));
    assertThrows(
        java.io.IOException.class,
        () -> post(HttpClient.Version.HTTP_1_1, "/v1/chat/completions", "{\"a\":1}"));
  }

  @Test
  void modeHandlerThrows_blockedByEnforcer() throws Exception {
    MODES.set(
        (request, result, decisions) -> {
          throw new IllegalStateException("handler bug");
        });
    HttpResponse<String> response =
        post(HttpClient.Version.HTTP_1_1, "/v1/chat/completions", "{\"a\":2}");
    assertEquals(403, response.statusCode());
    assertThat(Decision.class).isNotNull();
  }
}
