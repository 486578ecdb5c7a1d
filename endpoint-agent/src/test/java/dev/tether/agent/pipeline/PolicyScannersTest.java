package dev.tether.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.rules.RuleEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyScannersTest {
  @TempDir Path dir;

  @Test
  void forPolicy_racingRequests_buildOneEngineAndShareIt() throws Exception {
    ActivePolicy policy = TestPolicies.active(dir, TestPolicies.document(List.of()));
    PolicyScanners scanners =
        new PolicyScanners(
            doc -> {
              try {
                Thread.sleep(50); // widen the race window
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return RuleEngine.of(List.of());
            });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ContentScanner>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return scanners.forPolicy(policy);
                }));
      }
      start.countDown();
      ContentScanner first = results.get(0).get(10, TimeUnit.SECONDS);
      for (Future<ContentScanner> result : results) {
        assertSame(first, result.get(10, TimeUnit.SECONDS));
      }
      assertEquals(1, scanners.builds());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void scan_withoutPolicy_usesTheBuiltInDetectors() {
    PolicyScanners scanners = new PolicyScanners(RuleEngine::forPolicy);
    assertEquals(1, scanners.scan("key " + DecisionPipelineTest.AWS_KEY).size());
    assertEquals(0, scanners.builds());
  }
}
