package dev.tether.server.policy.release;

import dev.tether.server.policy.PolicyRepository;
import dev.tether.server.policy.Tenant;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** JPA access to agent releases. Runs in the caller's transaction. */
@Dependent
public class ReleaseRepository {
  @PersistenceContext(unitName = PolicyRepository.UNIT)
  EntityManager em;

  /** Locks the tenant row until the transaction ends (serialises publishes of a tenant). */
  boolean lockTenant(String tenant) {
    return em.find(Tenant.class, tenant, LockModeType.PESSIMISTIC_WRITE) != null;
  }

  void persist(AgentReleaseRecord record) {
    em.persist(record);
    em.flush();
  }

  Optional<AgentReleaseRecord> latest(String tenant, String platform) {
    return em
        .createQuery(
            "SELECT r FROM AgentReleaseRecord r WHERE r.tenant = :t AND r.platform = :p"
                + " ORDER BY r.releaseCounter DESC",
            AgentReleaseRecord.class)
        .setParameter("t", tenant)
        .setParameter("p", platform)
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst();
  }

  /** The tenant's releases, newest first, at most {@code limit}. */
  List<AgentReleaseRecord> list(String tenant, int limit) {
    return em.createQuery(
            "SELECT r FROM AgentReleaseRecord r WHERE r.tenant = :t"
                + " ORDER BY r.publishedAtMillis DESC, r.releaseCounter DESC",
            AgentReleaseRecord.class)
        .setParameter("t", tenant)
        .setMaxResults(limit)
        .getResultList();
  }
}
