package dev.tether.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.config.StateDir;
import dev.tether.core.bundle.BundleVerificationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyManagerTest {
  @TempDir Path dir;
  final Instant now = Instant.now();

  byte[] bundle(long version) {
    return TestPolicies.sign(TestPolicies.document(List.of()), version, now, Duration.ofHours(1));
  }

  @Test
  void accept_valid_cachesAndEnforces() throws Exception {
    PolicyManager manager = TestPolicies.manager(dir, Clock.systemUTC());
    manager.accept(bundle(3), "\"e3\"");
    assertEquals(PolicyState.ENFORCING, manager.state());
    PolicyManager restarted = TestPolicies.manager(dir, Clock.systemUTC());
    restarted.loadCache();
    assertEquals(3, restarted.enforceable().orElseThrow().version());
    assertEquals("\"e3\"", restarted.etag());
  }

  @Test
  void loadCache_tamperedCache_noPolicy() throws Exception {
    TestPolicies.manager(dir, Clock.systemUTC()).accept(bundle(3), null);
    Path cached = new StateDir(dir).policyBundle();
    String json = Files.readString(cached);
    Files.writeString(cached, json.replaceFirst("\"payload\":\"e", "\"payload\":\"f"));
    PolicyManager restarted = TestPolicies.manager(dir, Clock.systemUTC());
    restarted.loadCache();
    assertEquals(PolicyState.NO_POLICY, restarted.state());
    assertTrue(restarted.enforceable().isEmpty());
    assertThrows(
        BundleVerificationException.class,
        () -> restarted.accept(bundle(2), null),
        "the accepted-version floor survives a rejected cache: no rollback");
  }

  @Test
  void accept_olderVersion_keepsCurrentPolicy() throws Exception {
    PolicyManager manager = TestPolicies.manager(dir, Clock.systemUTC());
    manager.accept(bundle(5), "\"e5\"");
    assertThrows(BundleVerificationException.class, () -> manager.accept(bundle(4), "\"e4\""));
    assertEquals(5, manager.enforceable().orElseThrow().version());
    assertEquals("\"e5\"", manager.etag());
  }

  @Test
  void state_afterExpiry_expiredAndNotEnforceable() throws Exception {
    PolicyManager manager =
        TestPolicies.manager(dir, Clock.fixed(now.plus(Duration.ofMinutes(1)), ZoneOffset.UTC));
    manager.accept(bundle(1), null);
    PolicyManager later =
        TestPolicies.manager(dir, Clock.fixed(now.plus(Duration.ofHours(2)), ZoneOffset.UTC));
    later.loadCache();
    assertEquals(PolicyState.NO_POLICY, later.state(), "an expired cache does not verify");
    assertTrue(manager.enforceable().isPresent());
    assertTrue(
        new ActivePolicy(manager.current().orElseThrow().bundle(), null)
            .isExpired(now.plus(Duration.ofHours(2))));
  }
}
