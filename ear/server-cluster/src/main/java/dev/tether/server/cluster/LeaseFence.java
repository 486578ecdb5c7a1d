package dev.tether.server.cluster;

import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Fencing for leased jobs: called inside the job's writing transaction, before it writes. It locks
 * the lease row until that transaction ends, so no other instance can take the lease while the
 * write is in flight, and refuses (throws, rolling the transaction back) unless the row still names
 * this grant's holder and fencing token and has not expired by the database's clock. A job that
 * stalled past its lease (long GC pause, slow disk) therefore cannot write after another instance
 * took over.
 */
public final class LeaseFence {
  private LeaseFence() {}

  /**
   * Proves {@code grant} is still held, locking the lease row until the transaction of {@code em}
   * ends.
   *
   * @throws LeaseLostException the lease expired or changed holder (token) since it was granted
   */
  public static void require(EntityManager em, LeaseGrant grant) {
    Object[] row = lock(em, grant.name());
    if (row == null) {
      throw new LeaseLostException("lease " + grant.name() + ": no lease row");
    }
    long now = ((Number) em.createNativeQuery(Leases.NOW_SQL).getSingleResult()).longValue();
    String holder = (String) row[0];
    long token = ((Number) row[1]).longValue();
    long expires = ((Number) row[2]).longValue();
    if (!grant.holder().equals(holder) || token != grant.token() || expires <= now) {
      throw new LeaseLostException(
          "lease "
              + grant.name()
              + ": no longer held by "
              + grant.holder()
              + " (token "
              + grant.token()
              + "; row: holder "
              + holder
              + ", token "
              + token
              + ", expired "
              + (expires <= now)
              + ")");
    }
  }

  /**
   * Locks the lease row of {@code name} until the transaction of {@code em} ends, without requiring
   * the lease: serialises on-demand work (an admin asking for a fresh checkpoint) with the leader's
   * scheduled run of the same job. Does nothing if the row does not exist yet.
   */
  public static void serialize(EntityManager em, String name) {
    lock(em, Leases.requireName(name));
  }

  private static Object[] lock(EntityManager em, String name) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(Leases.LOCK_ROW).setParameter(1, name).getResultList();
    return rows.isEmpty() ? null : rows.get(0);
  }
}
