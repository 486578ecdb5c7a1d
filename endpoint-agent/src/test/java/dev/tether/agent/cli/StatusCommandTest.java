package dev.tether.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tether.agent.TestPolicies;
import dev.tether.agent.config.EnrollConfig;
import dev.tether.agent.config.ListenAddress;
import dev.tether.agent.config.RunConfig;
import dev.tether.agent.config.StateDir;
import dev.tether.agent.daemon.Daemon;
import dev.tether.agent.enroll.Enroller;
import dev.tether.agent.enroll.TrustPin;
import dev.tether.core.api.EnrollResponse;
import dev.tether.core.api.Heartbeat;
import dev.tether.core.api.HeartbeatResponse;
import dev.tether.core.json.JsonCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running daemon's state machine as the outside sees it: status.json, {@code tether-agent
 * status} and heartbeats, against a local stand-in for the agent API whose bundle endpoint fails.
 */
class StatusCommandTest {
  @TempDir Path dir;

  @Test
  void bundleEndpointFailing_graceVisibleInStatusAndHeartbeat_thenRecovers() throws Exception {
    AtomicReference<byte[]> bundle = new AtomicReference<>(sign(1));
    AtomicBoolean failing = new AtomicBoolean();
    List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/t/api/v1/agent/enroll",
        ex ->
            reply(
                ex,
                200,
                JsonCodec.write(
                    new EnrollResponse(
                        "device-7",
                        "cred-7",
                        TestPolicies.TENANT,
                        TestPolicies.GROUP,
                        java.util.List.of(TestPolicies.ROOT)))));
    server.createContext(
        "/t/api/v1/agent/bundle",
        ex -> {
          if (failing.get()) {
            reply(ex, 503, new byte[0]);
            return;
          }
          ex.getResponseHeaders()
              .add("ETag", "\"" + java.util.Arrays.hashCode(bundle.get()) + "\"");
          reply(ex, 200, bundle.get());
        });
    server.createContext(
        "/t/api/v1/agent/heartbeat",
        ex -> {
          heartbeats.add(JsonCodec.read(ex.getRequestBody().readAllBytes(), Heartbeat.class));
          reply(ex, 200, JsonCodec.write(new HeartbeatResponse(1)));
        });
    server.createContext(
        "/t/api/v1/agent/audit-events",
        ex -> reply(ex, 200, "{\"accepted\":0,\"duplicates\":0}".getBytes()));
    server.start();
    StateDir state = new StateDir(dir.resolve("state"));
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/t";
      Enroller.enroll(
          new EnrollConfig(
                  url,
                  "token",
                  state,
                  new TrustPin(null, TrustPin.fingerprintOf(TestPolicies.ROOT)))
              .validated());
      RunConfig config =
          new RunConfig(
                  state,
                  ListenAddress.parse("127.0.0.1:0"),
                  List.of(),
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(1))
              .validated();
      try (Daemon daemon = Daemon.start(config)) {
        waitFor(state, "\"state\":\"ENFORCING\"");
        failing.set(true);
        waitFor(state, "\"state\":\"GRACE\"");
        assertThat(status(state))
            .contains(
                "policy state:   GRACE (refresh failing; last verified policy enforced for 71h")
            .contains("(pinned by the installer)")
            .contains("version floor:  1")
            .contains("decision traces: off");
        waitForHeartbeat(heartbeats, "GRACE");
        assertThat(heartbeats.stream().filter(h -> h.state().equals("GRACE")).findFirst())
            .hasValueSatisfying(h -> assertThat(h.graceEndsAt()).isNotNull());

        failing.set(false);
        bundle.set(sign(2));
        waitFor(state, "\"state\":\"ENFORCING\"");
        waitFor(state, "\"policyVersion\":2");
      }
    } finally {
      server.stop(0);
    }
  }

  static void waitForHeartbeat(List<Heartbeat> heartbeats, String stateName) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (heartbeats.stream().anyMatch(h -> h.state().equals(stateName))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no heartbeat with state " + stateName + ": " + heartbeats);
  }

  static String status(StateDir state) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"status", "--state-dir", state.root().toString()},
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  static byte[] sign(long version) {
    return TestPolicies.sign(
        TestPolicies.document(List.of()), version, Instant.now(), Duration.ofHours(100));
  }

  static void waitFor(StateDir state, String fragment) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
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
