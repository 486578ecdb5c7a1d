package dev.tether.server.policy;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * JPA access to tenants, groups, drafts and published versions. Runs in the caller's transaction.
 */
@Dependent
public class PolicyRepository {
  /** Name of the policy module's persistence unit. */
  public static final String UNIT = "tether-policy";

  @PersistenceContext(unitName = UNIT)
  EntityManager em;

  Optional<Tenant> tenant(String id) {
    return Optional.ofNullable(em.find(Tenant.class, id));
  }

  void persist(Object entity) {
    em.persist(entity);
    em.flush();
  }

  /** Every tenant as {id, name, createdAtMillis}, by id, at most {@code max}. */
  List<Object[]> tenants(int max) {
    return em.createQuery(
            "SELECT t.id, t.name, t.createdAtMillis FROM Tenant t ORDER BY t.id", Object[].class)
        .setMaxResults(max)
        .getResultList();
  }

  /** A tenant's groups as {groupId, name}, by id, at most {@code max}. */
  List<Object[]> groups(String tenant, int max) {
    return em.createQuery(
            "SELECT g.groupId, g.name FROM DeviceGroup g WHERE g.tenant = :t ORDER BY g.groupId",
            Object[].class)
        .setParameter("t", tenant)
        .setMaxResults(max)
        .getResultList();
  }

  Optional<DeviceGroup> group(String tenant, String group) {
    return Optional.ofNullable(em.find(DeviceGroup.class, DeviceGroup.key(tenant, group)));
  }

  /** The tenant row, locked until the transaction ends. */
  Optional<Tenant> lockTenant(String tenant) {
    return Optional.ofNullable(em.find(Tenant.class, tenant, LockModeType.PESSIMISTIC_WRITE));
  }

  /**
   * Proves the leased job still holds {@code grant}, locking its lease row until this transaction
   * ends ({@link dev.tether.server.cluster.LeaseFence}).
   */
  void fence(dev.tether.server.cluster.LeaseGrant grant) {
    dev.tether.server.cluster.LeaseFence.require(em, grant);
  }

  /** The group row, locked until the transaction ends (serialises publishes of one group). */
  Optional<DeviceGroup> lockGroup(String tenant, String group) {
    return Optional.ofNullable(
        em.find(DeviceGroup.class, DeviceGroup.key(tenant, group), LockModeType.PESSIMISTIC_WRITE));
  }

  Optional<PolicyDraft> draft(String tenant, String group) {
    return Optional.ofNullable(em.find(PolicyDraft.class, DeviceGroup.key(tenant, group)));
  }

  void saveDraft(String tenant, String group, byte[] document, Instant now) {
    PolicyDraft draft = em.find(PolicyDraft.class, DeviceGroup.key(tenant, group));
    if (draft == null) {
      em.persist(new PolicyDraft(DeviceGroup.key(tenant, group), document, now.toEpochMilli()));
    } else {
      draft.replace(document, now.toEpochMilli());
    }
  }

  /** Highest published version of the group, 0 when none. */
  long maxVersion(String tenant, String group) {
    Long max =
        em.createQuery(
                "SELECT MAX(v.version) FROM PolicyVersion v WHERE v.tenant = :t AND v.groupId = :g",
                Long.class)
            .setParameter("t", tenant)
            .setParameter("g", group)
            .getSingleResult();
    return max == null ? 0 : max;
  }

  /** Number of published versions of the group. */
  long countVersions(String tenant, String group) {
    return em.createQuery(
            "SELECT COUNT(v) FROM PolicyVersion v WHERE v.tenant = :t AND v.groupId = :g",
            Long.class)
        .setParameter("t", tenant)
        .setParameter("g", group)
        .getSingleResult();
  }

  /**
   * Published versions without their envelopes, newest first, skipping {@code offset}, at most
   * {@code limit}.
   */
  List<PublishedVersion> versions(String tenant, String group, int offset, int limit) {
    return em
        .createQuery(
            "SELECT v.version, v.digest, v.issuedAtMillis, v.expiresAtMillis, v.contentDigest,"
                + " v.kind, v.sourceVersion, v.actor, v.publishedAtMillis, v.note, v.signingKeyId"
                + " FROM PolicyVersion v WHERE v.tenant = :t AND v.groupId = :g"
                + " ORDER BY v.version DESC",
            Object[].class)
        .setParameter("t", tenant)
        .setParameter("g", group)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(PolicyRepository::summary)
        .toList();
  }

  /**
   * Every published version of the tenant's groups without envelopes, oldest first (by publish
   * time, then group and version), at most {@code limit}.
   */
  List<GroupVersion> tenantVersions(String tenant, int limit) {
    return em
        .createQuery(
            "SELECT v.version, v.digest, v.issuedAtMillis, v.expiresAtMillis, v.contentDigest,"
                + " v.kind, v.sourceVersion, v.actor, v.publishedAtMillis, v.note, v.signingKeyId,"
                + " v.groupId FROM PolicyVersion v WHERE v.tenant = :t"
                + " ORDER BY v.publishedAtMillis, v.groupId, v.version",
            Object[].class)
        .setParameter("t", tenant)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(row -> new GroupVersion((String) row[11], summary(row)))
        .toList();
  }

  private static PublishedVersion summary(Object[] row) {
    long source = (Long) row[6];
    return new PublishedVersion(
        (Long) row[0],
        (String) row[1],
        Instant.ofEpochMilli((Long) row[2]),
        Instant.ofEpochMilli((Long) row[3]),
        (String) row[4],
        row[5] == null
            ? PublishedVersion.Kind.PUBLISH
            : PublishedVersion.Kind.valueOf((String) row[5]),
        source == 0 ? null : source,
        (String) row[7],
        Instant.ofEpochMilli((Long) row[8]),
        (String) row[9],
        (String) row[10]);
  }

  /** One published version, envelope included. */
  Optional<PolicyVersion> version(String tenant, String group, long version) {
    return Optional.ofNullable(em.find(PolicyVersion.class, tenant + "/" + group + "/" + version));
  }

  /**
   * The newest version of every group as {tenant, group, issuedAtMillis, expiresAtMillis} (no
   * envelopes loaded).
   */
  List<Object[]> latestPerGroup() {
    return em.createQuery(
            "SELECT v.tenant, v.groupId, v.issuedAtMillis, v.expiresAtMillis FROM PolicyVersion v"
                + " WHERE v.version = (SELECT MAX(w.version) FROM PolicyVersion w"
                + " WHERE w.tenant = v.tenant AND w.groupId = v.groupId)",
            Object[].class)
        .getResultList();
  }

  /** Ids of the tenant's groups that have at least one published version. */
  List<String> publishedGroups(String tenant) {
    return em.createQuery(
            "SELECT DISTINCT v.groupId FROM PolicyVersion v WHERE v.tenant = :t", String.class)
        .setParameter("t", tenant)
        .getResultList();
  }

  /** The newest published version of the group, envelope included. */
  Optional<PolicyVersion> latest(String tenant, String group) {
    return em
        .createQuery(
            "SELECT v FROM PolicyVersion v WHERE v.tenant = :t AND v.groupId = :g"
                + " ORDER BY v.version DESC",
            PolicyVersion.class)
        .setParameter("t", tenant)
        .setParameter("g", group)
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst();
  }
}
