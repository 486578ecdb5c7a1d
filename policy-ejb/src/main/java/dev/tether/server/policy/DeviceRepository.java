package dev.tether.server.policy;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** JPA access to enrollment tokens and devices. Runs in the caller's transaction. */
@Dependent
public class DeviceRepository {
  @PersistenceContext(unitName = PolicyRepository.UNIT)
  EntityManager em;

  void persist(Object entity) {
    em.persist(entity);
    em.flush();
  }

  /** The fleet token with this hash, locked so concurrent enrollments count every use. */
  Optional<FleetEnrollmentToken> lockFleetToken(String tokenHash) {
    return Optional.ofNullable(
        em.find(FleetEnrollmentToken.class, tokenHash, LockModeType.PESSIMISTIC_WRITE));
  }

  /** The group's fleet tokens, newest first, at most {@code max}. */
  List<FleetEnrollmentToken> fleetTokens(String tenant, String group, int max) {
    return em.createQuery(
            "SELECT t FROM FleetEnrollmentToken t WHERE t.tenant = :tenant AND t.groupId = :group"
                + " ORDER BY t.issuedAtMillis DESC",
            FleetEnrollmentToken.class)
        .setParameter("tenant", tenant)
        .setParameter("group", group)
        .setMaxResults(max)
        .getResultList();
  }

  /** The group's fleet token with this public id, locked for revocation. */
  Optional<FleetEnrollmentToken> lockFleetTokenById(String tenant, String group, String id) {
    return em
        .createQuery(
            "SELECT t FROM FleetEnrollmentToken t WHERE t.publicId = :id AND t.tenant = :tenant"
                + " AND t.groupId = :group",
            FleetEnrollmentToken.class)
        .setParameter("id", id)
        .setParameter("tenant", tenant)
        .setParameter("group", group)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .stream()
        .findFirst();
  }

  /** The token with this hash, locked so two enrollments cannot both consume it. */
  Optional<EnrollmentToken> lockToken(String tokenHash) {
    return Optional.ofNullable(
        em.find(EnrollmentToken.class, tokenHash, LockModeType.PESSIMISTIC_WRITE));
  }

  /** One indexed lookup by credential hash. */
  Optional<Device> byCredentialHash(String credentialHash) {
    return em
        .createQuery("SELECT d FROM Device d WHERE d.credentialHash = :h", Device.class)
        .setParameter("h", credentialHash)
        .getResultList()
        .stream()
        .findFirst();
  }

  /** The identity of the device with this credential hash, read as columns (no entity). */
  Optional<DeviceIdentity> identityByCredentialHash(String credentialHash) {
    return em
        .createQuery(
            "SELECT d.id, d.tenant, d.groupId FROM Device d WHERE d.credentialHash = :h",
            Object[].class)
        .setParameter("h", credentialHash)
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst()
        .map(row -> new DeviceIdentity((String) row[0], (String) row[1], (String) row[2]));
  }

  Optional<Device> byId(String id) {
    return Optional.ofNullable(em.find(Device.class, id));
  }

  List<Device> byTenant(String tenant, int offset, int limit) {
    return em.createQuery(
            "SELECT d FROM Device d WHERE d.tenant = :t ORDER BY d.enrolledAtMillis DESC, d.id",
            Device.class)
        .setParameter("t", tenant)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  long countSeenSince(long millis) {
    return em.createQuery(
            "SELECT COUNT(d) FROM Device d WHERE d.lastSeenAtMillis >= :t", Long.class)
        .setParameter("t", millis)
        .getSingleResult();
  }

  long countByTenant(String tenant) {
    return em.createQuery("SELECT COUNT(d) FROM Device d WHERE d.tenant = :t", Long.class)
        .setParameter("t", tenant)
        .getSingleResult();
  }
}
