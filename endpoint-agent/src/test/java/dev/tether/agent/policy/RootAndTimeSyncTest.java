package dev.tether.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tether.agent.TestPolicies;
import dev.tether.agent.config.StateDir;
import dev.tether.agent.server.ServerClient;
import dev.tether.core.api.AgentApi;
import dev.tether.core.api.HeartbeatResponse;
import dev.tether.core.api.RootsResponse;
import dev.tether.core.bundle.BundlePayload;
import dev.tether.core.bundle.BundleSigner;
import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.bundle.RootMetadata;
import dev.tether.core.bundle.RootSigner;
import dev.tether.core.bundle.ServerTime;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.crypto.SecretBytes;
import dev.tether.core.json.JsonCodec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeat answers on the agent, against a real local HTTP server for {@code GET roots}: root
 * rotation to a new signing key, a swapped-in older root, and signed server time as clock floor.
 */
class RootAndTimeSyncTest {
  static final Ed25519KeyPair NEW_SIGNING_KEY = Ed25519KeyPair.generate();

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.now());
  final AtomicReference<List<SignedBundle>> served = new AtomicReference<>(List.of());
  HttpServer server;
  ServerClient client;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        AgentApi.ROOTS,
        ex -> {
          byte[] body = JsonCodec.write(new RootsResponse(served.get(), 1 + served.get().size()));
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    client =
        ServerClient.authenticated(
            "http://127.0.0.1:" + server.getAddress().getPort(),
            SecretBytes.copyOf("cred".getBytes(StandardCharsets.UTF_8)));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Root v2: same root key, delegates {@link #NEW_SIGNING_KEY} and revokes the old one. */
  static SignedBundle rootV2() {
    Instant now = Instant.now();
    RootMetadata v1 = TestPolicies.trustedRoot().metadata();
    RootMetadata v2 =
        new RootMetadata(
            RootMetadata.FORMAT,
            TestPolicies.TENANT,
            2,
            now,
            1,
            v1.rootKeys(),
            List.of(
                RootMetadata.SigningKey.of(
                    NEW_SIGNING_KEY.publicKey(),
                    now.minus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(365)))),
            List.of(TestPolicies.SIGNING_KEY.publicKey().keyId()));
    return RootSigner.sign(v2, v1, List.of(TestPolicies.ROOT_KEY));
  }

  RootTrust roots() {
    return new RootTrust(new StateDir(dir), TestPolicies.TENANT, TestPolicies.ROOT);
  }

  PolicyManager manager(RootTrust roots) throws Exception {
    PolicyManager manager =
        new PolicyManager(
            new StateDir(dir),
            roots.load(),
            TestPolicies.SCOPE,
            clock.trusted(),
            new PolicyManager.Options(null, null, null),
            null);
    manager.rootUpdated(manager.root(), roots.floor());
    return manager;
  }

  byte[] bundle(Ed25519KeyPair key, long version) {
    Instant now = clock.instant();
    return BundleSigner.create(key)
        .sign(
            BundlePayload.create(
                TestPolicies.SCOPE,
                version,
                now,
                now.plus(Duration.ofDays(1)),
                TestPolicies.document(List.of())));
  }

  @Test
  void rootRotation_heartbeatAnnounced_walksToNewRootAndItsSigningKey() throws Exception {
    RootTrust roots = roots();
    PolicyManager manager = manager(roots);
    manager.accept(bundle(TestPolicies.SIGNING_KEY, 1), null);
    assertThrows(
        BundleVerificationException.class,
        () -> manager.accept(bundle(NEW_SIGNING_KEY, 2), null),
        "not delegated by root v1");
    served.set(List.of(rootV2()));

    boolean pollNow =
        new HeartbeatSync(client, manager, roots).apply(new HeartbeatResponse(1, 2, null));

    assertTrue(pollNow, "a new root asks for a poll");
    assertEquals(2, manager.root().version());
    assertEquals(2, roots.floor());
    manager.accept(bundle(NEW_SIGNING_KEY, 2), null);
    BundleVerificationException revoked =
        assertThrows(
            BundleVerificationException.class,
            () -> manager.accept(bundle(TestPolicies.SIGNING_KEY, 3), null));
    assertEquals(BundleVerificationException.Reason.REVOKED_KEY, revoked.reason());

    PolicyManager restarted = manager(roots());
    restarted.loadCache();
    assertEquals(2, restarted.root().version(), "the rotated root is kept across restarts");
    assertEquals(PolicyState.ENFORCING, restarted.state());
  }

  @Test
  void rootRotation_storedRootSwappedForOlder_refused() throws Exception {
    RootTrust roots = roots();
    PolicyManager manager = manager(roots);
    served.set(List.of(rootV2()));
    new HeartbeatSync(client, manager, roots).apply(new HeartbeatResponse(0, 2, null));
    manager.accept(bundle(NEW_SIGNING_KEY, 1), null);
    // a local admin puts the enrollment root (v1, still validly self-signed) back
    Files.write(new StateDir(dir).trustRoot(), JsonCodec.write(TestPolicies.ROOT));

    RootTrust reloaded = roots();
    PolicyManager restarted = manager(reloaded);
    restarted.loadCache();

    assertThat(reloaded.problem()).startsWith("stored root rejected");
    assertEquals(PolicyState.NO_POLICY, restarted.state());
    assertThat(restarted.status().cacheProblem()).contains("below the root version floor 2");
    served.set(List.of(rootV2()));
    new HeartbeatSync(client, restarted, reloaded).apply(new HeartbeatResponse(1, 2, null));
    restarted.accept(bundle(NEW_SIGNING_KEY, 1), null);
    assertEquals(PolicyState.ENFORCING, restarted.state(), "recovers once the root walk is redone");
  }

  @Test
  void rootRotation_forgedNewerRoot_rejectedAndNothingStored() throws Exception {
    RootTrust roots = roots();
    PolicyManager manager = manager(roots);
    Ed25519KeyPair attacker = Ed25519KeyPair.generate();
    RootMetadata forged =
        new RootMetadata(
            RootMetadata.FORMAT,
            TestPolicies.TENANT,
            2,
            Instant.now(),
            1,
            List.of(RootMetadata.RootKey.of(attacker.publicKey())),
            List.of(
                RootMetadata.SigningKey.of(
                    Ed25519KeyPair.generate().publicKey(),
                    Instant.now().minus(Duration.ofDays(1)),
                    Instant.now().plus(Duration.ofDays(1)))),
            List.of());
    served.set(List.of(RootSigner.sign(forged, null, List.of(attacker))));

    assertThrows(
        java.io.IOException.class,
        () -> new HeartbeatSync(client, manager, roots).apply(new HeartbeatResponse(0, 2, null)));

    assertEquals(1, manager.root().version());
    assertFalse(Files.exists(new StateDir(dir).trustRoot()));
  }

  @Test
  void clockMovedBack_signedHeartbeatTimeIsTheFloor() throws Exception {
    PolicyManager manager = manager(roots());
    Instant real = clock.instant();
    clock.setLocal(real.minus(Duration.ofDays(30))); // the device clock was set back a month
    SignedBundle signedTime = ServerTime.sign(TestPolicies.SIGNING_KEY, TestPolicies.TENANT, real);

    assertTrue(manager.acceptServerTime(signedTime));

    assertThat(manager.status().clockSkew()).isLessThan(Duration.ofDays(-29));
    // a bundle that expired a week ago is expired although the local clock says otherwise
    byte[] stale =
        BundleSigner.create(TestPolicies.SIGNING_KEY)
            .sign(
                BundlePayload.create(
                    TestPolicies.SCOPE,
                    1,
                    real.minus(Duration.ofDays(14)),
                    real.minus(Duration.ofDays(7)),
                    TestPolicies.document(List.of())));
    BundleVerificationException e =
        assertThrows(BundleVerificationException.class, () -> manager.accept(stale, null));
    assertEquals(BundleVerificationException.Reason.EXPIRED, e.reason());
  }

  @Test
  void serverTime_signedByUnknownKey_ignored() throws Exception {
    PolicyManager manager = manager(roots());
    Instant future = clock.instant().plus(Duration.ofDays(365));

    assertFalse(
        manager.acceptServerTime(
            ServerTime.sign(Ed25519KeyPair.generate(), TestPolicies.TENANT, future)));

    assertThat(manager.status().clockSkew()).isEqualTo(Duration.ZERO);
  }
}
