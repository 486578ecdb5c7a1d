package dev.tether.agent.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.agent.e2e.ManagedProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet simulator against the real server (Payara Micro running {@code tether.war}, H2): 20
 * agents enroll with tokens from the admin API, poll, heartbeat, sync approvals and upload chained
 * audit batches for a few seconds while a second policy version is published. The server must have
 * stored every accepted event with no chain break, every agent must have verified both bundles (the
 * second one found through the heartbeat's announcement), and all other polls must be 304s.
 */
class FleetSimulatorIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void twentyAgents_enrollPollWith304s_uploadEventsTheServerStores(@TempDir Path work)
      throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String server = "http://127.0.0.1:" + port + "/tether";
    Path data = work.resolve("server-data");
    try (ManagedProcess payara =
        ManagedProcess.start(
            "payara-micro",
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dtether.data.dir=" + data,
                "-jar",
                required("tether.e2e.payaraMicroJar"),
                "--deploy",
                required("tether.e2e.serverWar"),
                "--rootdir",
                work.resolve("payara-root").toString(),
                "--port",
                String.valueOf(port),
                "--nocluster"),
            work.resolve("server.log"))) {
      payara.awaitReady(Duration.ofMinutes(6), () -> answers401(server + "/api/v1/agent/bundle"));
      Path json = work.resolve("fleet.json");
      FleetOptions options =
          FleetOptions.parse(
              "--server", server,
              "--admin-token-file", data.resolve("admin-token").toString(),
              "--tenant", "fleet-it",
              "--agents", "20",
              "--ramp", "2s",
              "--heartbeat", "2s",
              "--poll", "2s",
              "--approvals", "4s",
              "--upload", "1s",
              "--measure", "90s",
              "--events-per-hour", "1200",
              "--workers", "64",
              "--http-clients", "4",
              "--json", json.toString());
      FleetSimulator simulator = new FleetSimulator(options);
      CompletableFuture<FleetResult> run =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return simulator.run();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      // Once every agent reports version 1 in its heartbeat: a second version, which the
      // heartbeats announce (the agents then poll at once).
      FleetAdmin admin =
          new FleetAdmin(URI.create(server), Files.readString(data.resolve("admin-token")).trim());
      awaitAllOn(admin, run, 1);
      assertThat(admin.publish("fleet-it", "fleet", null)).isEqualTo(2);
      // The window ends once every agent reports version 2 (it verified the new bundle), at the
      // earliest 6 s after the publication (at most 90 s: the planned window).
      long published = System.nanoTime();
      awaitAllOn(admin, run, 2);
      Thread.sleep(Math.max(0, 6_000 - (System.nanoTime() - published) / 1_000_000));
      simulator.endWindow();
      FleetResult result = run.get(3, TimeUnit.MINUTES);
      Files.writeString(json, FleetReport.json(result));
      String text = FleetReport.text(result);

      FleetStats total = result.total();
      assertThat(result.enrolled()).as(text).isEqualTo(20);
      assertThat(total.outcomes(Kind.ENROLL)).as(text).containsOnlyKeys("200");
      // Every agent verified version 1 at start and version 2 after the announcement: 40
      // downloads (a third is impossible: verifyUpdate refuses a version not newer).
      assertThat(total.bundlesVerified()).as(text).isEqualTo(40);
      assertThat(total.outcomes(Kind.BUNDLE)).as(text).containsOnlyKeys("200", "304");
      assertThat(total.outcomes(Kind.BUNDLE).get("200")).isEqualTo(40);
      assertThat(result.policyVersions()).as(text).containsExactly(java.util.Map.entry(2L, 20));
      // ... and every other poll of the run was answered 304 (If-None-Match with the ETag).
      assertThat(total.outcomes(Kind.BUNDLE).get("304")).as(text).isGreaterThanOrEqualTo(20);
      for (Kind kind : List.of(Kind.HEARTBEAT, Kind.APPROVALS)) {
        assertThat(total.outcomes(kind)).as(kind + "\n" + text).containsOnlyKeys("200");
        assertThat(total.requests(kind)).as(kind + "\n" + text).isGreaterThan(20);
      }
      // Uploads: a batch that timed out on a loaded server is retried (and may have been stored);
      // nothing else may fail.
      assertThat(total.outcomes(Kind.AUDIT).keySet()).as(text).isSubsetOf("200", "io:timeout");
      assertThat(total.outcomes(Kind.AUDIT).get("200")).as(text).isGreaterThanOrEqualTo(10);
      // After the final flush every event was acknowledged exactly once (as new or as a duplicate
      // of a stored retry), the server stored each exactly once, and every device's hash chain
      // continued without a break.
      assertThat(total.eventsGenerated()).as(text).isGreaterThan(20);
      assertThat(result.backlogEnd()).as(text).isZero();
      assertThat(total.eventsAccepted() + total.eventsDuplicate())
          .as(text)
          .isEqualTo(total.eventsGenerated());
      assertThat(result.storedEvents()).as(text).isEqualTo(total.eventsGenerated());
      assertThat(result.chainBreaks()).as(text).isZero();
      JsonNode devices = admin.devices("fleet-it");
      assertThat(devices).hasSize(20);
      devices.forEach(d -> assertThat(d.path("lastSeenAt").isMissingNode()).as(d + "").isFalse());

      JsonNode summary = JSON.readTree(Files.readString(json));
      JsonNode phase = summary.at("/phases/0");
      assertThat(phase.get("agents").asInt()).isEqualTo(20);
      assertThat(phase.at("/kinds/bundle/outcomes/304").asLong()).isPositive();
      assertThat(phase.at("/kinds/heartbeat/p99Ms").asDouble()).isPositive();
      assertThat(summary.at("/totals/eventsStored").asLong()).isEqualTo(total.eventsGenerated());
      assertThat(text).contains("kept up:").contains("heartbeat").contains("audit-upload");
      System.out.print(text);
    }
  }

  /** Waits until the 20 devices' heartbeats report {@code version} (while the run lasts). */
  private static void awaitAllOn(FleetAdmin admin, CompletableFuture<FleetResult> run, long version)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline && !run.isDone()) {
      try {
        JsonNode devices = admin.devices("fleet-it");
        long on = 0;
        for (JsonNode d : devices) {
          on += d.path("policyVersion").asLong() == version ? 1 : 0;
        }
        if (on == 20) {
          return;
        }
      } catch (IOException e) {
        // tenant not created yet
      }
      Thread.sleep(200);
    }
    if (run.isDone()) {
      run.get(); // the run's own failure, if it failed
    }
    throw new AssertionError("20 agents did not all report policy version " + version + " in time");
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.isRegularFile(Path.of(value))) {
      throw new AssertionError("system property " + property + " must name a built file: " + value);
    }
    return value;
  }

  private static boolean answers401(String url) {
    try {
      return HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 401;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
