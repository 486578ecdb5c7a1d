package dev.tether.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.config.StateDir;
import dev.tether.agent.pipeline.ContentScanner;
import dev.tether.agent.pipeline.DecisionPipeline;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.pipeline.PipelineResult;
import dev.tether.agent.server.ServerClient;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.bundle.BundlePayload;
import dev.tether.core.bundle.BundleSigner;
import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.crypto.SecretBytes;
import dev.tether.core.policy.EnforcementSettings;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent half of the policy-trust attack suite: one named test per attack, each against the real
 * policy client (verifier, cache, floors, state machine) and, where the network is involved, a real
 * local HTTP server. Time is a settable wall clock plus a separate monotonic clock.
 */
class PolicyAttackSuiteTest {
  static final Duration GRACE = Duration.ofHours(1);
  static final PolicyDocument DOCUMENT =
      TestPolicies.document(List.of()).withEnforcement(new EnforcementSettings("PT1H", null));

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
  final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  BundleServer server;

  @BeforeEach
  void start() throws Exception {
    server = new BundleServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  PolicyManager manager() {
    return manager(clock.trusted());
  }

  PolicyManager manager(TrustedClock trusted) {
    return new PolicyManager(
        new StateDir(dir),
        TestPolicies.TRUST_ROOT,
        TestPolicies.SCOPE,
        trusted,
        new PolicyManager.Options(Duration.ofMinutes(10), audit::addAll, "device-1"),
        null);
  }

  PolicyPoller poller(PolicyManager manager, String url, Duration deadline) {
    return new PolicyPoller(
        ServerClient.authenticated(
            url, SecretBytes.copyOf("cred".getBytes(StandardCharsets.UTF_8)), deadline),
        manager);
  }

  byte[] bundle(long version, Duration lifetime) {
    return TestPolicies.sign(DOCUMENT, version, clock.instant(), lifetime);
  }

  byte[] bundle(long version) {
    return bundle(version, Duration.ofDays(1));
  }

  List<String> auditReasons() {
    return audit.stream()
        .filter(e -> e.layer() == AuditLayer.AGENT)
        .map(AuditEvent::reason)
        .toList();
  }

  static PipelineResult decide(PolicyManager manager, String host) {
    return DecisionPipeline.standard(ContentScanner.standard(), 1024 * 1024)
        .decide(
            new InspectedRequest(
                UUID.randomUUID().toString(),
                host,
                Provider.OPENAI,
                "POST",
                "/v1/chat/completions",
                null,
                "{\"messages\":[{\"content\":\"hello\"}]}".getBytes(StandardCharsets.UTF_8),
                false),
            manager.enforceable().orElse(null));
  }

  @Test
  void endlessData_oversizedResponse_cutOffAndRejectedKeepingLastGood() throws Exception {
    PolicyManager manager = manager();
    manager.accept(bundle(1), null);
    server.mode.set(BundleServer.Mode.ENDLESS);

    boolean ok = poller(manager, server.url(), Duration.ofSeconds(30)).pollOnce();

    assertFalse(ok);
    assertThat(manager.status().refreshError()).contains("exceeds the limit").contains("cut off");
    assertEquals(1, manager.enforceable().orElseThrow().version());
    assertEquals(PolicyState.GRACE, manager.state());
  }

  @Test
  void slowRetrieval_trickle_cutOffByDeadline() throws Exception {
    PolicyManager manager = manager();
    manager.accept(bundle(1), null);
    server.body.set(bundle(2));
    server.mode.set(BundleServer.Mode.TRICKLE);

    long start = System.nanoTime();
    boolean ok = poller(manager, server.url(), Duration.ofSeconds(1)).pollOnce();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertFalse(ok);
    assertThat(manager.status().refreshError()).contains("slow retrieval");
    // a full trickle would take minutes (100 ms per byte); the deadline cut it off
    assertThat(took).isLessThan(Duration.ofSeconds(20));
    assertEquals(1, manager.enforceable().orElseThrow().version());
    assertEquals(PolicyState.GRACE, manager.state());
  }

  @Test
  void tamperedCacheFile_rejectedReportedAndAudited() throws Exception {
    manager().accept(bundle(3), "\"e3\"");
    Path cached = new StateDir(dir).policyBundle();
    String json = Files.readString(cached);
    int at = json.indexOf("\"payload\":\"") + 20;
    char flipped = json.charAt(at) == 'A' ? 'B' : 'A';
    Files.writeString(cached, json.substring(0, at) + flipped + json.substring(at + 1));

    PolicyManager restarted = manager();
    restarted.loadCache();

    assertEquals(PolicyState.NO_POLICY, restarted.state());
    assertTrue(restarted.enforceable().isEmpty());
    assertThat(restarted.status().cacheProblem()).startsWith("cached policy rejected: signature: ");
    assertThat(auditReasons()).anyMatch(r -> r.startsWith("policy_cache_rejected"));
    assertEquals("no_verified_policy", decide(restarted, "localhost").decision().code());
  }

  @Test
  void truncatedCache_rejected() throws Exception {
    manager().accept(bundle(3), null);
    Path cached = new StateDir(dir).policyBundle();
    byte[] bytes = Files.readAllBytes(cached);
    Files.write(cached, Arrays.copyOf(bytes, bytes.length / 2));

    PolicyManager restarted = manager();
    restarted.loadCache();

    assertEquals(PolicyState.NO_POLICY, restarted.state());
    assertThat(restarted.status().cacheProblem()).contains("malformed");
  }

  @Test
  void swappedCache_otherTenantsBundle_rejected() throws Exception {
    manager().accept(bundle(3), null);
    Instant now = clock.instant();
    byte[] otherTenant =
        BundleSigner.create(TestPolicies.SIGNING_KEY)
            .sign(
                BundlePayload.create(
                    new dev.tether.core.bundle.PolicyScope("other-tenant", TestPolicies.GROUP),
                    9,
                    now,
                    now.plus(Duration.ofDays(1)),
                    DOCUMENT));
    Files.write(new StateDir(dir).policyBundle(), otherTenant);

    PolicyManager restarted = manager();
    restarted.loadCache();

    assertEquals(PolicyState.NO_POLICY, restarted.state());
    assertThat(restarted.status().cacheProblem()).contains("scope mismatch");
    assertEquals(
        3, restarted.acceptedVersion(), "a swapped-in higher version never raises the floor");
  }

  @Test
  void deletedCache_replayedOldBundle_rejected() throws Exception {
    byte[] old = bundle(4);
    PolicyManager first = manager();
    first.accept(old, null);
    first.accept(bundle(5), null);
    try (var files = Files.walk(new StateDir(dir).policyBundle().getParent())) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }

    PolicyManager restarted = manager();
    restarted.loadCache();
    assertEquals(PolicyState.NO_POLICY, restarted.state());
    assertEquals(5, restarted.acceptedVersion(), "the floor lives outside the cache dir");

    BundleVerificationException e =
        assertThrows(BundleVerificationException.class, () -> restarted.accept(old, null));
    assertThat(e.getMessage()).contains("not newer than the accepted version 4");
    assertEquals(PolicyState.NO_POLICY, restarted.state());
    restarted.accept(bundle(5), null);
    assertEquals(PolicyState.ENFORCING, restarted.state(), "the same version may be fetched again");
  }

  @Test
  void corruptedVersionFloor_cacheNotUsedAndReported() throws Exception {
    manager().accept(bundle(3), null);
    Files.writeString(new StateDir(dir).trustVersionFloor(), "zero\n");

    PolicyManager restarted = manager();
    restarted.loadCache();

    assertEquals(PolicyState.NO_POLICY, restarted.state());
    assertThat(restarted.status().cacheProblem()).startsWith("trust floor rejected");
    assertThat(auditReasons()).anyMatch(r -> r.startsWith("policy_cache_rejected: trust floor"));
  }

  @Test
  void staleButUnexpiredReplay_afterNewerSeen_rejected() throws Exception {
    byte[] stale = bundle(5, Duration.ofDays(7));
    PolicyManager manager = manager();
    PolicyPoller poller = poller(manager, server.url(), Duration.ofSeconds(30));
    server.body.set(stale);
    assertTrue(poller.pollOnce());
    server.body.set(bundle(6));
    assertTrue(poller.pollOnce());
    assertEquals(6, manager.enforceable().orElseThrow().version());

    server.body.set(stale); // a man in the middle replays the older, still unexpired bundle
    assertFalse(poller.pollOnce());

    assertThat(poller.lastError()).contains("rollback: ");
    assertEquals(6, manager.enforceable().orElseThrow().version());
    assertThat(auditReasons()).anyMatch(r -> r.startsWith("policy_bundle_rejected"));
  }

  @Test
  void heartbeatAnnouncedNewerVersion_notServed_isFreezeAndGrace() throws Exception {
    PolicyManager manager = manager();
    PolicyPoller poller = poller(manager, server.url(), Duration.ofSeconds(30));
    server.body.set(bundle(2));
    assertTrue(poller.pollOnce());

    assertTrue(manager.announce(3), "a newer announced version asks for a poll");
    assertFalse(poller.pollOnce(), "the server keeps answering 304 for version 2");

    assertEquals(server.lastIfNoneMatch.get(), manager.etag());
    assertThat(poller.lastError()).contains("announced policy version 3");
    assertEquals(PolicyState.GRACE, manager.state());
    server.body.set(bundle(3));
    assertTrue(poller.pollOnce());
    assertEquals(PolicyState.ENFORCING, manager.state());
  }

  @Test
  void serverUnreachable_graceThenFallbackThenRecovery() throws Exception {
    PolicyManager manager = manager();
    manager.loadCache();
    server.body.set(bundle(1));
    assertTrue(poller(manager, server.url(), Duration.ofSeconds(30)).pollOnce());
    assertEquals(PolicyState.ENFORCING, manager.state());
    String url = server.url();
    server.close(); // unreachable from now on
    PolicyPoller offline = poller(manager, url, Duration.ofSeconds(5));

    clock.elapse(Duration.ofMinutes(10));
    assertFalse(offline.pollOnce());
    assertEquals(PolicyState.GRACE, manager.state());
    assertEquals(GRACE.minusMinutes(10), manager.status().graceLeft());
    assertEquals("Allow", decide(manager, "localhost").decision().getClass().getSimpleName());

    clock.elapse(Duration.ofMinutes(51));
    assertFalse(offline.pollOnce());
    assertEquals(PolicyState.FALLBACK, manager.state());
    PipelineResult blocked = decide(manager, "localhost");
    assertEquals("policy_fallback", blocked.decision().code());

    server = new BundleServer();
    server.body.set(bundle(2));
    assertTrue(poller(manager, server.url(), Duration.ofSeconds(30)).pollOnce());
    assertEquals(PolicyState.ENFORCING, manager.state());
    assertEquals("Allow", decide(manager, "localhost").decision().getClass().getSimpleName());
    assertThat(auditReasons())
        .filteredOn(r -> r.startsWith("policy_state"))
        .extracting(r -> r.substring(0, r.indexOf(':') < 0 ? r.length() : r.indexOf(':')))
        .containsSubsequence(
            "policy_state START -> NO_POLICY",
            "policy_state NO_POLICY -> ENFORCING",
            "policy_state ENFORCING -> GRACE",
            "policy_state GRACE -> FALLBACK",
            "policy_state FALLBACK -> ENFORCING");
  }

  @Test
  void fallbackPosture_allowsOnlyThePolicysHosts() throws Exception {
    PolicyDocument withGateway =
        TestPolicies.document(List.of())
            .withEnforcement(new EnforcementSettings("PT0S", List.of("localhost")));
    PolicyManager manager = manager();
    manager.accept(TestPolicies.sign(withGateway, 1, clock.instant(), Duration.ofDays(1)), null);
    manager.refreshFailed("server unreachable");

    assertEquals(PolicyState.FALLBACK, manager.state(), "grace PT0S: straight to fallback");
    assertEquals("Allow", decide(manager, "localhost").decision().getClass().getSimpleName());
    assertEquals("policy_fallback", decide(manager, "api.openai.com").decision().code());
  }

  @Test
  void clockMovedBack_expiredBundleStaysExpired() throws Exception {
    PolicyManager manager = manager();
    Instant issued = clock.instant();
    manager.accept(bundle(1, Duration.ofHours(2)), null);
    clock.elapse(Duration.ofHours(3));
    manager.refreshFailed("server unreachable");
    assertEquals(PolicyState.FALLBACK, manager.state());

    clock.setLocal(issued.plus(Duration.ofMinutes(30))); // back into the bundle's validity
    assertEquals(PolicyState.FALLBACK, manager.state(), "verified time floor holds");
    assertEquals("policy_fallback", decide(manager, "localhost").decision().code());

    // a restart does not forget: the floor persisted at the last refresh attempt
    PolicyManager restarted = manager(clock.trusted());
    restarted.loadCache();
    assertEquals(PolicyState.NO_POLICY, restarted.state());
    assertThat(restarted.status().cacheProblem()).contains("expired");
    assertThat(restarted.status().clockSkew()).isLessThan(Duration.ofHours(-2));
  }

  @Test
  void clockMovedForward_failsClosedThenRecovers() throws Exception {
    PolicyManager manager = manager();
    Instant real = clock.instant();
    manager.accept(bundle(1, Duration.ofHours(2)), null);

    clock.setLocal(real.plus(Duration.ofDays(1)));
    assertEquals(PolicyState.FALLBACK, manager.state(), "looks expired: blocked, never open");
    assertEquals("policy_fallback", decide(manager, "localhost").decision().code());

    clock.setLocal(real.plus(Duration.ofMinutes(1)));
    assertEquals(
        PolicyState.ENFORCING,
        manager.state(),
        "the floor is fed by signed server time only, so a corrected clock recovers");
    assertNull(manager.status().graceLeft());
  }
}
