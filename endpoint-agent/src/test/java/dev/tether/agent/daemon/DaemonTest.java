package dev.tether.agent.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tether.agent.TestPolicies;
import dev.tether.agent.config.EnrollConfig;
import dev.tether.agent.config.ListenAddress;
import dev.tether.agent.config.RunConfig;
import dev.tether.agent.config.StateDir;
import dev.tether.agent.enroll.Enroller;
import dev.tether.core.api.EnrollRequest;
import dev.tether.core.api.EnrollResponse;
import dev.tether.core.api.HeartbeatResponse;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * enroll + run against a local stand-in speaking the {@code AgentApi} contract (not the real
 * server; that end-to-end test lives with the server).
 */
class DaemonTest {
  @TempDir Path dir;

  @Test
  void enrollThenRun_pollsPolicyAndHeartbeatTriggersNewerVersion() throws Exception {
    AtomicReference<byte[]> bundle = new AtomicReference<>(sign(1));
    AtomicLong latest = new AtomicLong(1);
    AtomicReference<String> enrollKey = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/tether/api/v1/agent/enroll",
        ex -> {
          enrollKey.set(
              JsonCodec.read(ex.getRequestBody().readAllBytes(), EnrollRequest.class)
                  .devicePublicKey());
          reply(
              ex,
              200,
              JsonCodec.write(
                  new EnrollResponse(
                      "device-9",
                      "secret-cred",
                      TestPolicies.TENANT,
                      TestPolicies.GROUP,
                      java.util.List.of(TestPolicies.ROOT))));
        });
    server.createContext(
        "/tether/api/v1/agent/bundle",
        ex -> {
          if (!"Bearer secret-cred".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            reply(ex, 401, new byte[0]);
            return;
          }
          ex.getResponseHeaders()
              .add("ETag", "\"" + java.util.Arrays.hashCode(bundle.get()) + "\"");
          reply(ex, 200, bundle.get());
        });
    server.createContext(
        "/tether/api/v1/agent/heartbeat",
        ex -> reply(ex, 200, JsonCodec.write(new HeartbeatResponse(latest.get()))));
    server.createContext(
        "/tether/api/v1/agent/audit-events",
        ex -> reply(ex, 200, "{\"accepted\":0,\"duplicates\":0}".getBytes()));
    server.start();
    StateDir state = new StateDir(dir.resolve("state"));
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/tether";
      Enroller.enroll(new EnrollConfig(url, "token-1", state).validated());
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.caKey())));
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(state.credential())));
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(state.deviceKey())));
      assertFalse(Files.readString(state.enrollment()).contains("secret-cred"));
      assertTrue(enrollKey.get() != null && !enrollKey.get().isBlank());

      RunConfig config =
          new RunConfig(
                  state,
                  ListenAddress.parse("127.0.0.1:0"),
                  List.of(),
                  Duration.ofHours(1),
                  Duration.ofSeconds(1))
              .validated();
      try (Daemon daemon = Daemon.start(config)) {
        assertTrue(Files.exists(state.pidFile()));
        waitFor(state, "\"policyVersion\":1");
        assertTrue(Files.readString(state.status()).contains("\"state\":\"ENFORCING\""));
        bundle.set(sign(2));
        latest.set(2);
        waitFor(state, "\"policyVersion\":2");
      }
      assertFalse(Files.exists(state.pidFile()));
      assertTrue(Files.readString(state.status()).contains("\"running\":false"));
    } finally {
      server.stop(0);
    }
  }

  static byte[] sign(long version) {
    return TestPolicies.sign(
        TestPolicies.document(List.of()), version, Instant.now(), Duration.ofHours(1));
  }

  static void waitFor(StateDir state, String fragment) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(state.status()) && Files.readString(state.status()).contains(fragment)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "status.json never contained "
            + fragment
            + ": "
            + (Files.exists(state.status()) ? Files.readString(state.status()) : "(missing)"));
  }

  static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }
}
