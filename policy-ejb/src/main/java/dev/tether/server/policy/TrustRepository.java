package dev.tether.server.policy;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** JPA access to root metadata versions. Runs in the caller's transaction. */
@Dependent
public class TrustRepository {
  @PersistenceContext(unitName = PolicyRepository.UNIT)
  EntityManager em;

  /** The tenant row, locked until the transaction ends (serialises root changes of a tenant). */
  Optional<Tenant> lockTenant(String tenant) {
    return Optional.ofNullable(em.find(Tenant.class, tenant, LockModeType.PESSIMISTIC_WRITE));
  }

  void persist(RootVersion root) {
    em.persist(root);
    em.flush();
  }

  Optional<RootVersion> latest(String tenant) {
    return em
        .createQuery(
            "SELECT r FROM RootVersion r WHERE r.tenant = :t ORDER BY r.version DESC",
            RootVersion.class)
        .setParameter("t", tenant)
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst();
  }

  /** Versions after {@code after}, oldest first, at most {@code limit}. */
  List<RootVersion> after(String tenant, long after, int limit) {
    return em.createQuery(
            "SELECT r FROM RootVersion r WHERE r.tenant = :t AND r.version > :v"
                + " ORDER BY r.version ASC",
            RootVersion.class)
        .setParameter("t", tenant)
        .setParameter("v", after)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Requires the lease {@code grant} until the transaction ends (scheduled rotation). */
  void fence(dev.tether.server.cluster.LeaseGrant grant) {
    dev.tether.server.cluster.LeaseFence.require(em, grant);
  }
}
