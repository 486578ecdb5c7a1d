package dev.tether.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lease on H2 (the embedded default); audit-ejb's ClusterLeasePostgresTest runs PostgreSQL. */
class LeasesTest {
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final AtomicInteger DB = new AtomicInteger();

  private JdbcDataSource ds;

  @BeforeEach
  void database() {
    ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:lease" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    new Leases(ds, "a").prepare("job");
  }

  @Test
  void acquire_freeLease_grantsFirstTokenAndClaimsTheRun() throws Exception {
    LeaseGrant grant = new Leases(ds, "a").acquire("job", TTL, HOUR).orElseThrow();
    assertEquals("a", grant.holder());
    assertEquals(1, grant.token());
    assertTrue(grant.runNow());
    assertTrue(grant.expiresAtMillis() - grant.nowMillis() == TTL.toMillis());
  }

  @Test
  void acquire_heldByAnother_isRefused() throws Exception {
    new Leases(ds, "a").acquire("job", TTL, HOUR).orElseThrow();
    assertEquals(Optional.empty(), new Leases(ds, "b").acquire("job", TTL, HOUR));
  }

  @Test
  void renew_byHolder_keepsTokenAndRunsOnlyWhenDue() throws Exception {
    Leases a = new Leases(ds, "a");
    LeaseGrant first = a.acquire("job", TTL, HOUR).orElseThrow();
    LeaseGrant renewed = a.acquire("job", TTL, HOUR).orElseThrow();
    assertEquals(first.token(), renewed.token(), "a renewal is not a new holder");
    assertFalse(renewed.runNow(), "ran less than an interval ago");
    Thread.sleep(5);
    assertTrue(a.acquire("job", TTL, Duration.ofMillis(1)).orElseThrow().runNow());
  }

  @Test
  void acquire_afterExpiry_takesOverWithHigherToken() throws Exception {
    LeaseGrant old = new Leases(ds, "a").acquire("job", Duration.ofMillis(1), HOUR).orElseThrow();
    Thread.sleep(20);
    LeaseGrant taken = new Leases(ds, "b").acquire("job", TTL, HOUR).orElseThrow();
    assertEquals("b", taken.holder());
    assertEquals(old.token() + 1, taken.token());
    assertFalse(taken.runNow(), "the interval is shared: the dead leader's run counts");
  }

  @Test
  void release_letsAnotherInstanceTakeAtOnce() throws Exception {
    Leases a = new Leases(ds, "a");
    a.acquire("job", TTL, HOUR).orElseThrow();
    a.release("job");
    assertEquals(2, new Leases(ds, "b").acquire("job", TTL, HOUR).orElseThrow().token());
    List<LeaseView> rows = a.list();
    assertEquals(1, rows.size());
    assertEquals("b", rows.get(0).holder());
    assertTrue(rows.get(0).held());
  }

  @Test
  void acquire_unknownName_createsItsRow() throws Exception {
    assertTrue(new Leases(ds, "a").acquire("other-job", TTL, HOUR).isPresent());
  }

  @Test
  void acquire_badName_throwsNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Leases(ds, "a").acquire("Bad Name", TTL, HOUR));
    assertTrue(e.getMessage().contains("Bad Name"));
  }

  @Test
  void acquire_racingInstances_exactlyOneHoldsIt() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Optional<LeaseGrant>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Leases leases = new Leases(ds, "i" + i);
        Callable<Optional<LeaseGrant>> c =
            () -> {
              start.await();
              return leases.acquire("race", TTL, HOUR);
            };
        results.add(pool.submit(c));
      }
      start.countDown();
      int granted = 0;
      for (Future<Optional<LeaseGrant>> f : results) {
        granted += f.get().isPresent() ? 1 : 0;
      }
      assertEquals(1, granted);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void runOnce_twoInstancesTicking_runTheJobOncePerInterval() throws Exception {
    RunOnce a = new RunOnce(new Leases(ds, "a"), Duration.ofSeconds(10));
    RunOnce b = new RunOnce(new Leases(ds, "b"), Duration.ofSeconds(10));
    AtomicInteger runs = new AtomicInteger();
    List<String> runners = new ArrayList<>();
    for (int tick = 0; tick < 5; tick++) {
      for (RunOnce r : List.of(a, b)) {
        r.runIfLeader(
            "job",
            HOUR,
            g -> {
              runs.incrementAndGet();
              runners.add(g.holder());
            });
      }
    }
    assertEquals(1, runs.get());
    assertEquals(List.of("a"), runners);
    assertEquals(java.util.Set.of("job"), a.held());
    assertEquals(java.util.Set.of(), b.held());
    a.releaseAll();
    assertTrue(b.runIfLeader("job", Duration.ofMillis(1), g -> runners.add(g.holder())));
    assertEquals(List.of("a", "b"), runners, "after a clean release the other instance leads");
  }

  @Test
  void runOnce_taskThrows_isContainedAndReported() {
    RunOnce a = new RunOnce(new Leases(ds, "a"), Duration.ofSeconds(10));
    assertFalse(
        a.runIfLeader(
            "job",
            HOUR,
            g -> {
              throw new IllegalStateException("boom");
            }));
  }

  @Test
  void runOnce_ttlBelowTwoTicks_isRejectedNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RunOnce(new Leases(ds, "a"), Duration.ofSeconds(5)));
    assertTrue(e.getMessage().contains(RunOnce.TTL_PROPERTY));
  }
}
