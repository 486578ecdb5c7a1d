package dev.tether.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DecisionThreadsTest {
  @Test
  void threads_moreThanCoresSoDecisionsShareOneSync_bounded() {
    assertEquals(16, DecisionThreads.threads(1));
    assertEquals(16, DecisionThreads.threads(2));
    assertEquals(64, DecisionThreads.threads(8));
    assertEquals(128, DecisionThreads.threads(64));
  }

  @Test
  void configured_propertyOverridesWithinBounds() {
    assertEquals(
        DecisionThreads.threads(Runtime.getRuntime().availableProcessors()),
        DecisionThreads.configured(null));
    assertEquals(3, DecisionThreads.configured(" 3 "));
    assertThrows(IllegalArgumentException.class, () -> DecisionThreads.configured("0"));
    assertThrows(IllegalArgumentException.class, () -> DecisionThreads.configured("many"));
  }

  @Test
  void create_fullPoolAndQueue_refusesInsteadOfGrowing() throws Exception {
    ThreadPoolExecutor pool = DecisionThreads.create("test-decision");
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(pool.getMaximumPoolSize());
    try {
      for (int i = 0; i < pool.getMaximumPoolSize() + DecisionThreads.QUEUE_BOUND; i++) {
        pool.execute(
            () -> {
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
      }
      assertTrue(started.await(10, TimeUnit.SECONDS), "every thread runs a decision");
      assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {}));
    } finally {
      release.countDown();
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }
}
