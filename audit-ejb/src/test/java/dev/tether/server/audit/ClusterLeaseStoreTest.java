package dev.tether.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.server.cluster.LeaseFence;
import dev.tether.server.cluster.LeaseGrant;
import dev.tether.server.cluster.LeaseLostException;
import dev.tether.server.cluster.Leases;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The cluster lease and its fencing through the audit persistence unit (EclipseLink, as in the
 * server), on H2 and on a real PostgreSQL cluster: a write fenced by a lost lease rolls back, and a
 * takeover waits for an in-flight fenced write to commit.
 */
@Tag("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterLeaseStoreTest {
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final Duration HOUR = Duration.ofHours(1);

  private PostgresCluster pg;
  private JpaStore pgStore;

  @AfterAll
  void stop() throws Exception {
    if (pgStore != null) {
      pgStore.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  private record Db(DataSource ds, JpaStore store) {}

  private Db h2(String name) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    return new Db(ds, JpaStore.h2(name));
  }

  private Db postgres() throws Exception {
    if (pg == null) {
      pg = PostgresCluster.start(false);
      pgStore = pg.store(PostgresCluster.SUPERUSER, "");
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(pg.url("tether"));
    ds.setUser(PostgresCluster.SUPERUSER);
    return new Db(ds, pgStore);
  }

  @Test
  void fence_h2() throws Exception {
    fencing(h2("fence"), "job-h2");
  }

  @Test
  void fence_postgres() throws Exception {
    fencing(postgres(), "job-pg");
  }

  @Test
  void takeoverWaitsForFencedWrite_h2() throws Exception {
    takeoverWaits(h2("wait"), "wait-h2");
  }

  @Test
  void takeoverWaitsForFencedWrite_postgres() throws Exception {
    takeoverWaits(postgres(), "wait-pg");
  }

  @Test
  void racingInstances_postgres_exactlyOneLeads() throws Exception {
    Db db = postgres();
    new Leases(db.ds(), "a").prepare("race-pg");
    var futures =
        java.util.stream.IntStream.range(0, 6)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            return new Leases(db.ds(), "i" + i).acquire("race-pg", TTL, HOUR);
                          } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                          }
                        }))
            .toList();
    long granted =
        futures.stream().map(CompletableFuture::join).filter(Optional::isPresent).count();
    assertEquals(1, granted);
  }

  /** Held: the fenced write commits. Lost (expired, then taken): it throws and rolls back. */
  private void fencing(Db db, String job) throws Exception {
    Leases a = new Leases(db.ds(), "a");
    a.prepare(job);
    LeaseGrant grant = a.acquire(job, Duration.ofMillis(300), HOUR).orElseThrow();
    inTx(db.store(), em -> LeaseFence.require(em, grant));
    Thread.sleep(400);
    assertThrows(
        LeaseLostException.class, () -> inTx(db.store(), em -> LeaseFence.require(em, grant)));
    LeaseGrant taken = new Leases(db.ds(), "b").acquire(job, TTL, HOUR).orElseThrow();
    assertEquals(grant.token() + 1, taken.token());
    LeaseLostException e =
        assertThrows(
            LeaseLostException.class, () -> inTx(db.store(), em -> LeaseFence.require(em, grant)));
    assertTrue(e.getMessage().contains("holder b"), e.getMessage());
    inTx(db.store(), em -> LeaseFence.require(em, taken));
  }

  /** While a's fenced transaction is open, b's acquire blocks on the row lock until it ends. */
  private void takeoverWaits(Db db, String job) throws Exception {
    Leases a = new Leases(db.ds(), "a");
    a.prepare(job);
    LeaseGrant grant = a.acquire(job, Duration.ofMillis(500), HOUR).orElseThrow();
    EntityManager em = db.store().factory.createEntityManager();
    try {
      em.getTransaction().begin();
      LeaseFence.require(em, grant);
      Thread.sleep(700); // the lease expires while the fenced write is still open
      CompletableFuture<Optional<LeaseGrant>> takeover =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new Leases(db.ds(), "b").acquire(job, TTL, HOUR);
                } catch (java.sql.SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(300);
      assertTrue(!takeover.isDone(), "the takeover waits for the in-flight fenced transaction");
      em.getTransaction().commit();
      assertEquals("b", takeover.get(30, TimeUnit.SECONDS).orElseThrow().holder());
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }

  private static void inTx(JpaStore store, Consumer<EntityManager> work) {
    EntityManager em = store.factory.createEntityManager();
    try {
      em.getTransaction().begin();
      work.accept(em);
      em.getTransaction().commit();
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }
}
