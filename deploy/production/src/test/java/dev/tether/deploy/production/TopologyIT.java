package dev.tether.deploy.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The production topology on one machine, as an operator runs it: {@code up.sh --instances 2}
 * (PostgreSQL, Kafka, two Payara Micro instances, HAProxy), then through the load balancer: both
 * instances serve, an admin sets up a tenant and publishes a policy, a device enrolls and fetches
 * the bundle (200, then 304 from both instances); a second version published through one instance
 * is served by both; each instance answers /health and /metrics; an instance that stops leaves the
 * rotation; {@code down.sh} leaves no process.
 */
class TopologyIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  @Test
  void topology_upRouteEnrollObserveDown_leavesNothingRunning() throws Exception {
    TopologyScripts topology = TopologyScripts.prepare(2);
    Map<String, Long> pids = Map.of();
    try {
      String out = topology.up("--instances", "2");
      assertThat(out).contains("production topology is up (2 instance(s)");
      pids = topology.pids();
      assertThat(pids.keySet())
          .containsExactlyInAnyOrder("haproxy", "instance-1", "instance-2", "kafka", "postgresql");
      assertThat(topology.upExpectingRefusal()).contains("already running");

      String lb = "http://127.0.0.1:" + topology.lbPort;
      assertThat(instancesAnswering(lb, 12)).containsExactlyInAnyOrder("instance-1", "instance-2");

      String token = topology.adminToken();
      String api = lb + "/tether/api/v1/admin";
      expect(admin("POST", api + "/tenants", token, "{\"id\":\"acme\",\"name\":\"Acme\"}"), 201);
      expect(
          admin("POST", api + "/tenants/acme/groups", token, "{\"id\":\"dev\",\"name\":\"Dev\"}"),
          201);
      String policy =
          Files.readString(topology.repo.resolve("deploy/quickstart/default-policy.json"));
      expect(admin("PUT", api + "/tenants/acme/groups/dev/policy/draft", token, policy), 200);
      expect(admin("POST", api + "/tenants/acme/groups/dev/policy/publish", token, ""), 201);
      String issued =
          expect(
              admin(
                  "POST",
                  api + "/tenants/acme/groups/dev/enrollment-tokens",
                  token,
                  "{\"ttlHours\":1}"),
              201);

      String credential = enroll(lb, field(issued, "token"));
      HttpResponse<String> bundle = bundle(lb, credential, null);
      expect(bundle, 200);
      String etag = bundle.headers().firstValue("ETag").orElseThrow();
      // Every instance answers 304 for the same tag: the bundle and its ETag come from the
      // shared database, whichever instance serves.
      Set<String> notModifiedBy = new HashSet<>();
      for (int i = 0; i < 6; i++) {
        HttpResponse<String> again = bundle(lb, credential, etag);
        expect(again, 304);
        again.headers().firstValue("X-Tether-Instance").ifPresent(notModifiedBy::add);
      }
      assertThat(notModifiedBy).containsExactlyInAnyOrder("instance-1", "instance-2");

      // A second version published through one instance reaches devices on every instance within
      // the bundle tag cache's bound (BundleTags.TTL, 5 s): no instance keeps answering 304.
      String v2 = policy.replace("\"Quickstart default\"", "\"Quickstart default v2\"");
      assertThat(v2).isNotEqualTo(policy);
      HttpResponse<String> draft =
          http.send(
              HttpRequest.newBuilder(URI.create(api + "/tenants/acme/groups/dev/policy/draft"))
                  .timeout(TIMEOUT)
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .header("If-Match", "*")
                  .PUT(HttpRequest.BodyPublishers.ofString(v2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      expect(draft, 200);
      expect(admin("POST", api + "/tenants/acme/groups/dev/policy/publish", token, ""), 201);
      Thread.sleep(6_000);
      Set<String> newVersionFrom = new HashSet<>();
      for (int i = 0; i < 6; i++) {
        HttpResponse<String> fresh = bundle(lb, credential, etag);
        expect(fresh, 200);
        assertThat(fresh.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        fresh.headers().firstValue("X-Tether-Instance").ifPresent(newVersionFrom::add);
      }
      assertThat(newVersionFrom).containsExactlyInAnyOrder("instance-1", "instance-2");

      for (int port : topology.instancePorts) {
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> health = get(base + "/health");
        expect(health, 200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("tether-database");
        HttpResponse<String> metrics = get(base + "/metrics?scope=application");
        expect(metrics, 200);
        assertThat(metrics.body()).contains("tether_bundle_fetches_total");
      }
      String metrics1 = get("http://127.0.0.1:" + topology.instancePorts[0] + "/metrics").body();
      String metrics2 = get("http://127.0.0.1:" + topology.instancePorts[1] + "/metrics").body();
      assertThat(
              sum(metrics1, "tether_agent_enrollments_total")
                  + sum(metrics2, "tether_agent_enrollments_total"))
          .isEqualTo(1.0);
      assertThat(
              sum(metrics1, "tether_bundle_fetches_total")
                  + sum(metrics2, "tether_bundle_fetches_total"))
          .isEqualTo(13.0);

      // Instance 2 stops: HAProxy's readiness checks take it out; instance 1 serves everything.
      ProcessHandle.of(pids.get("instance-2")).orElseThrow().destroy();
      ProcessHandle.of(pids.get("instance-2")).orElseThrow().onExit().get();
      Thread.sleep(6_000); // two failed checks at 2 s intervals
      assertThat(instancesAnswering(lb, 6)).containsExactly("instance-1");
    } finally {
      String down = topology.down();
      assertThat(down).contains("stopped");
      for (Map.Entry<String, Long> pid : pids.entrySet()) {
        assertThat(ProcessHandle.of(pid.getValue()).map(ProcessHandle::isAlive).orElse(false))
            .as("%s (pid %d) after down.sh", pid.getKey(), pid.getValue())
            .isFalse();
      }
      Path pgLocation = topology.home.resolve("postgresql.location");
      if (Files.exists(pgLocation)) {
        Path pg = Path.of(Files.readString(pgLocation).trim());
        if (pg.getFileName().toString().startsWith("tether-prod-pg.")) {
          TopologyScripts.deleteTree(pg);
        }
      }
    }
  }

  /** The instance names HAProxy reports over {@code n} readiness requests through it. */
  private Set<String> instancesAnswering(String lb, int n) throws Exception {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      HttpResponse<String> ready = get(lb + "/health/ready");
      expect(ready, 200);
      seen.add(ready.headers().firstValue("X-Tether-Instance").orElse("?"));
    }
    return seen;
  }

  /** Enrolls a fresh Ed25519 device key; returns the device credential. */
  private String enroll(String lb, String enrollmentToken) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    byte[] spki = generator.generateKeyPair().getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    String body =
        "{\"token\":\""
            + enrollmentToken
            + "\",\"devicePublicKey\":\""
            + Base64.getEncoder().encodeToString(raw)
            + "\",\"hostname\":\"topology-it\",\"osUser\":\"dev\",\"agentVersion\":\"0.1.0\"}";
    HttpResponse<String> enrolled =
        http.send(
            HttpRequest.newBuilder(URI.create(lb + "/tether/api/v1/agent/enroll"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return field(expect(enrolled, 200), "deviceCredential");
  }

  private HttpResponse<String> bundle(String lb, String credential, String etag) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(lb + "/tether/api/v1/agent/bundle"))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + credential);
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> admin(String method, String url, String token, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String expect(HttpResponse<String> response, int status) {
    assertThat(response.statusCode())
        .as("%s %s: %s", response.request().method(), response.uri(), response.body())
        .isEqualTo(status);
    return response.body();
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    assertThat(m.find()).as("field %s in %s", name, json).isTrue();
    return m.group(1);
  }

  /** Sum of every sample of a Prometheus metric family in {@code text}. */
  private static double sum(String text, String family) {
    double total = 0;
    Matcher m =
        Pattern.compile("(?m)^" + family + "(\\{[^}]*\\})?\\s+([0-9.eE+-]+)$").matcher(text);
    while (m.find()) {
      total += Double.parseDouble(m.group(2));
    }
    return total;
  }
}
