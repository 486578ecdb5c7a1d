package dev.tether.server.web.it;

import static dev.tether.server.web.it.ServerFlows.expect;
import static dev.tether.server.web.it.ServerFlows.problem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.api.AgentApi;
import dev.tether.core.bundle.AgentReleaseVerifier;
import dev.tether.core.bundle.ReleaseVersion;
import dev.tether.core.bundle.VerifiedRelease;
import dev.tether.core.crypto.Digests;
import dev.tether.server.policy.release.ReleaseView;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Agent self-update over HTTP: publish a release as an admin, fetch and verify it as a device. */
public final class ReleaseFlows {
  public static final String PLATFORM = "linux-amd64-deb";

  private final ServerFlows flows;
  private final Path dataDir;

  public ReleaseFlows(ServerFlows flows, Path dataDir) {
    this.flows = flows;
    this.dataDir = dataDir;
  }

  /**
   * Publishes two releases for a fresh tenant and checks every answer a device and an admin get:
   * 404 before publishing, 201 with the server-computed digest, 409 for a non-newer version, 400
   * for a path outside the releases directory, 200 with an ETag a device verifies, 304 on
   * If-None-Match, the artifact bytes, and nothing for another tenant's device.
   */
  public void publishFetchVerify() throws Exception {
    TetherHttp http = flows.http();
    ServerFlows.Scope scope = flows.createTenantAndGroup();
    ServerFlows.Device device = flows.enroll(scope);
    String path = AgentApi.RELEASES + PLATFORM;
    problem(404, "no release", http.agent("GET", path, null, device.credential(), Map.of()));
    problem(401, "credential", http.agent("GET", path, null, null, Map.of()));

    byte[] artifact = new byte[150_000];
    new Random(42).nextBytes(artifact);
    Path dir = Files.createDirectories(dataDir.resolve("agent-releases"));
    Files.write(dir.resolve("tether-agent_1.2.0_amd64.deb"), artifact);
    String releases = ServerFlows.ADMIN + "/" + scope.tenant() + "/agent-releases";
    ReleaseView published =
        ServerFlows.read(
            expect(
                201,
                http.admin("POST", releases, publication("1.2.0", "tether-agent_1.2.0_amd64.deb"))),
            ReleaseView.class);
    assertEquals(Digests.sha256(artifact), published.sha256());
    assertEquals(artifact.length, published.size());
    assertEquals(1, published.counter());
    problem(
        409,
        "not newer",
        http.admin("POST", releases, publication("1.2.0", "tether-agent_1.2.0_amd64.deb")));
    problem(
        400,
        "release.artifact",
        http.admin("POST", releases, publication("1.3.0", "../admin-token")));
    problem(
        400,
        "release.version",
        http.admin("POST", releases, publication("1.3", "tether-agent_1.2.0_amd64.deb")));

    HttpResponse<byte[]> fetched =
        expect(200, http.agent("GET", path, null, device.credential(), Map.of()));
    String etag = fetched.headers().firstValue("ETag").orElseThrow();
    assertTrue(etag.matches("\"1-[0-9a-f]{16}\""), etag);
    VerifiedRelease verified =
        AgentReleaseVerifier.create(PLATFORM, Clock.systemUTC())
            .verifyUpdate(
                fetched.body(),
                ServerFlows.pinnedRoot(device),
                ReleaseVersion.parse("installed", "1.1.0"),
                0,
                null);
    assertEquals("1.2.0", verified.version().toString());
    assertEquals(published.sha256(), verified.release().sha256());
    HttpResponse<byte[]> again =
        expect(
            304, http.agent("GET", path, null, device.credential(), Map.of("If-None-Match", etag)));
    assertEquals(0, again.body().length);

    HttpResponse<byte[]> bytes =
        expect(200, http.agent("GET", path + "/artifact", null, device.credential(), Map.of()));
    assertArrayEquals(artifact, bytes.body());
    verified.requireArtifact(bytes.body().length, Digests.sha256(bytes.body()));

    ServerFlows.Device stranger = flows.enroll(flows.createTenantAndGroup());
    problem(404, "no release", http.agent("GET", path, null, stranger.credential(), Map.of()));
    problem(
        404,
        "no release",
        http.agent("GET", path + "/artifact", null, stranger.credential(), Map.of()));
  }

  private static Map<String, Object> publication(String version, String artifact) {
    Map<String, Object> body = new HashMap<>();
    body.put("platform", PLATFORM);
    body.put("version", version);
    body.put("artifact", artifact);
    body.put("minimumVersion", "1.0.0");
    body.put("note", "IT release");
    return body;
  }
}
