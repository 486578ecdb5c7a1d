package dev.tether.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tether.agent.TestPolicies;
import dev.tether.agent.server.ServerClient;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.crypto.SecretBytes;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poller against a real local HTTP server speaking the bundle endpoint. */
class PolicyPollerTest {
  @TempDir Path dir;
  HttpServer server;
  final AtomicReference<byte[]> body = new AtomicReference<>();
  final AtomicReference<String> seenEtag = new AtomicReference<>();
  final AtomicReference<String> seenAuth = new AtomicReference<>();
  PolicyManager manager;
  PolicyPoller poller;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/agent/bundle",
        exchange -> {
          seenEtag.set(exchange.getRequestHeaders().getFirst("If-None-Match"));
          seenAuth.set(exchange.getRequestHeaders().getFirst("Authorization"));
          String etag = "\"e" + java.util.Arrays.hashCode(body.get()) + "\"";
          if (etag.equals(seenEtag.get())) {
            exchange.sendResponseHeaders(304, -1);
          } else {
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.sendResponseHeaders(200, body.get().length);
            exchange.getResponseBody().write(body.get());
          }
          exchange.close();
        });
    server.start();
    manager = TestPolicies.manager(dir, Clock.systemUTC());
    poller =
        new PolicyPoller(
            ServerClient.authenticated(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                SecretBytes.copyOf("cred-1".getBytes(StandardCharsets.UTF_8))),
            manager);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  byte[] bundle(long version) {
    return TestPolicies.sign(
        TestPolicies.document(List.of()), version, Instant.now(), Duration.ofHours(1));
  }

  @Test
  void pollOnce_newBundle_activatesThenSendsEtag() throws Exception {
    body.set(bundle(1));
    assertTrue(poller.pollOnce());
    assertEquals(PolicyState.ENFORCING, manager.state());
    assertEquals("Bearer cred-1", seenAuth.get());
    assertTrue(poller.pollOnce());
    assertEquals(manager.etag(), seenEtag.get(), "second poll is conditional");
    assertNull(poller.lastError());
  }

  @Test
  void pollOnce_oversizedBody_cutOffAndRejectedKeepingLastGood() throws Exception {
    body.set(bundle(1));
    poller.pollOnce();
    body.set(new byte[SignedBundle.MAX_ENVELOPE_BYTES + 10]);
    assertFalse(poller.pollOnce());
    assertTrue(poller.lastError().contains("exceeds the limit"), poller.lastError());
    assertEquals(1, manager.enforceable().orElseThrow().version());
  }

  @Test
  void pollOnce_bundleForAnotherKey_rejectedKeepingLastGood() throws Exception {
    body.set(bundle(1));
    poller.pollOnce();
    Instant now = Instant.now();
    body.set(
        dev.tether.core.bundle.BundleSigner.create(dev.tether.core.crypto.Ed25519KeyPair.generate())
            .sign(
                dev.tether.core.bundle.BundlePayload.create(
                    TestPolicies.SCOPE,
                    2,
                    now,
                    now.plus(Duration.ofHours(1)),
                    TestPolicies.document(List.of()))));
    assertFalse(poller.pollOnce());
    assertTrue(poller.lastError().startsWith("bundle rejected"), poller.lastError());
    assertEquals(1, manager.enforceable().orElseThrow().version());
  }
}
