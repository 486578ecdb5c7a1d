package dev.tether.server.web.it;

import static dev.tether.server.web.it.ServerFlows.expect;
import static dev.tether.server.web.it.ServerFlows.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.api.AgentApi;
import dev.tether.core.api.Heartbeat;
import dev.tether.core.api.HeartbeatResponse;
import dev.tether.core.api.RootsResponse;
import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.bundle.BundleVerifier;
import dev.tether.core.bundle.PolicyScope;
import dev.tether.core.bundle.RootVerifier;
import dev.tether.core.bundle.ServerTime;
import dev.tether.core.bundle.TrustedRoot;
import dev.tether.core.bundle.VerifiedBundle;
import dev.tether.server.policy.KeyRing;
import dev.tether.server.policy.RootChange;
import dev.tether.server.web.it.ServerFlows.Device;
import dev.tether.server.web.it.ServerFlows.Scope;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Key management seen from a device: each step changes keys over the admin API and then checks,
 * with the same core verifiers the agent uses, what a device holding a given root accepts.
 */
public final class TrustFlows {
  private final TetherHttp http;

  public TrustFlows(TetherHttp http) {
    this.http = http;
  }

  /** The tenant's key ring as the admin API lists it. */
  public KeyRing keys(Scope scope) {
    return read(
        expect(200, http.admin("GET", ServerFlows.ADMIN + "/" + scope.tenant() + "/keys", null)),
        KeyRing.class);
  }

  /** POSTs a key operation and returns the new root version it wrote. */
  public RootChange keyOperation(Scope scope, String path, Object body) {
    return read(
        expect(
            201,
            http.admin("POST", ServerFlows.ADMIN + "/" + scope.tenant() + "/keys/" + path, body)),
        RootChange.class);
  }

  /**
   * A heartbeat: returns the response after checking the signed server time against {@code root}.
   */
  public HeartbeatResponse heartbeatWithSignedTime(Device device, TrustedRoot root)
      throws BundleVerificationException {
    HeartbeatResponse response =
        read(
            expect(
                200,
                http.agent(
                    "POST",
                    AgentApi.HEARTBEAT,
                    new Heartbeat("ENFORCING", 0, "it-agent", 0),
                    device.credential(),
                    Map.of())),
            HeartbeatResponse.class);
    Instant serverTime = ServerTime.verify(response.serverTime(), root);
    assertTrue(
        Duration.between(serverTime, Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0,
        "signed server time " + serverTime + " is close to now");
    return response;
  }

  /** Walks the device's root forward with the agent roots endpoint. */
  public TrustedRoot updateRoot(Device device, TrustedRoot root) throws Exception {
    RootsResponse roots =
        read(
            expect(
                200,
                http.agent(
                    "GET",
                    AgentApi.ROOTS + "?after=" + root.version(),
                    null,
                    device.credential(),
                    Map.of())),
            RootsResponse.class);
    TrustedRoot updated = RootVerifier.update(root, roots.roots());
    assertEquals(roots.latestVersion(), updated.version());
    return updated;
  }

  /** Downloads the current bundle and verifies it against {@code root}. */
  public VerifiedBundle fetch(Device device, TrustedRoot root, long lastAccepted)
      throws BundleVerificationException {
    return BundleVerifier.create(scopeOf(device), Clock.systemUTC())
        .verifyUpdate(download(device), root, lastAccepted, null);
  }

  /** The raw bundle bytes the server currently serves the device. */
  public byte[] download(Device device) {
    HttpResponse<byte[]> response =
        expect(200, http.agent("GET", AgentApi.BUNDLE, null, device.credential(), Map.of()));
    return response.body();
  }

  /** Asserts that {@code envelope} is refused under {@code root} for {@code reason}. */
  public static void assertRefused(
      BundleVerificationException.Reason reason, Device device, TrustedRoot root, byte[] envelope) {
    BundleVerificationException e =
        assertThrows(
            BundleVerificationException.class,
            () ->
                BundleVerifier.create(scopeOf(device), Clock.systemUTC())
                    .verifyUpdate(envelope, root, 0, null));
    assertEquals(reason, e.reason(), e.getMessage());
  }

  private static PolicyScope scopeOf(Device device) {
    return new PolicyScope(device.enrollment().tenant(), device.enrollment().group(), device.id());
  }
}
