package dev.tether.server.audit;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** JPA access to audit records. Runs in the caller's transaction. */
@Dependent
public class AuditRepository {
  /** Name of the audit module's persistence unit. */
  public static final String UNIT = "tether-audit";

  @PersistenceContext(unitName = UNIT)
  EntityManager em;

  /**
   * The device's stream row, locked until the transaction ends; created (and flushed, so a
   * concurrent creator fails here, before touching any event row) when missing.
   */
  AuditStream lockStream(String deviceId, String tenant) {
    AuditStream stream = em.find(AuditStream.class, deviceId, LockModeType.PESSIMISTIC_WRITE);
    if (stream == null) {
      stream = new AuditStream(deviceId, tenant);
      em.persist(stream);
      em.flush();
    }
    return stream;
  }

  /** The log head, locked until the transaction ends; created on first use. */
  AuditLogHead lockLogHead() {
    AuditLogHead head =
        em.find(AuditLogHead.class, AuditLogHead.ID, LockModeType.PESSIMISTIC_WRITE);
    if (head == null) {
      head = AuditLogHead.first();
      em.persist(head);
      em.flush();
    }
    return head;
  }

  /**
   * The publish cursor of {@code topic}, locked until the transaction ends; created on first use.
   */
  AuditPublishCursor lockPublishCursor(String topic) {
    AuditPublishCursor cursor =
        em.find(AuditPublishCursor.class, topic, LockModeType.PESSIMISTIC_WRITE);
    if (cursor == null) {
      cursor = new AuditPublishCursor(topic);
      em.persist(cursor);
      em.flush();
    }
    return cursor;
  }

  /** Requires the lease {@code grant} until the transaction ends (the scheduled checkpoint). */
  void fence(dev.tether.server.cluster.LeaseGrant grant) {
    dev.tether.server.cluster.LeaseFence.require(em, grant);
  }

  /** Locks the lease row {@code name} until the transaction ends (on-demand checkpoints). */
  void serialize(String name) {
    dev.tether.server.cluster.LeaseFence.serialize(em, name);
  }

  /** Leaf hashes from {@code fromIndex} on, in order, at most {@code max}. */
  List<Object[]> leafHashes(long fromIndex, int max) {
    return em.createQuery(
            "SELECT r.leafIndex, r.leafHash FROM AuditRecord r WHERE r.leafIndex >= :from"
                + " ORDER BY r.leafIndex",
            Object[].class)
        .setParameter("from", fromIndex)
        .setMaxResults(max)
        .getResultList();
  }

  /** The stored record of {@code eventId}, or null. */
  AuditRecord find(String eventId) {
    return em.find(AuditRecord.class, eventId);
  }

  /** A tenant's records in log order from {@code fromIndex}, at most {@code max}. */
  List<AuditRecord> tenantRecords(String tenant, long fromIndex, int max) {
    return em.createQuery(
            "SELECT r FROM AuditRecord r WHERE r.tenant = :tenant AND r.leafIndex >= :from"
                + " ORDER BY r.leafIndex",
            AuditRecord.class)
        .setParameter("tenant", tenant)
        .setParameter("from", fromIndex)
        .setMaxResults(max)
        .getResultList();
  }

  /** All records in log order from {@code fromIndex}, at most {@code max}. */
  List<AuditRecord> recordsFrom(long fromIndex, int max) {
    return em.createQuery(
            "SELECT r FROM AuditRecord r WHERE r.leafIndex >= :from ORDER BY r.leafIndex",
            AuditRecord.class)
        .setParameter("from", fromIndex)
        .setMaxResults(max)
        .getResultList();
  }

  /** Detaches everything read so far (read-only scans). */
  void detachAll() {
    em.clear();
  }

  /** The newest checkpoint, or null. */
  AuditCheckpointRecord latestCheckpoint() {
    List<AuditCheckpointRecord> list =
        em.createQuery(
                "SELECT c FROM AuditCheckpointRecord c ORDER BY c.treeSize DESC",
                AuditCheckpointRecord.class)
            .setMaxResults(1)
            .getResultList();
    return list.isEmpty() ? null : list.get(0);
  }

  /** The checkpoint of exactly {@code treeSize}, or null. */
  AuditCheckpointRecord checkpoint(long treeSize) {
    return em.find(AuditCheckpointRecord.class, treeSize);
  }

  void insertCheckpoint(AuditCheckpointRecord checkpoint) {
    em.persist(checkpoint);
    em.flush();
  }

  /** Which of {@code eventIds} are already stored. */
  Set<String> existingEventIds(Collection<String> eventIds) {
    if (eventIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        em.createQuery("SELECT r.eventId FROM AuditRecord r WHERE r.eventId IN :ids", String.class)
            .setParameter("ids", eventIds)
            .getResultList());
  }

  /** Inserts and flushes, so a duplicate event id fails inside this call. */
  void insert(List<AuditRecord> records) {
    records.forEach(em::persist);
    em.flush();
  }

  /** The device's chain head, or null before its first linked event. */
  AuditChainHead chainHead(String deviceId) {
    return em.find(AuditChainHead.class, deviceId);
  }

  AuditChainHead createChainHead(String deviceId, long seq, String hash) {
    AuditChainHead head = new AuditChainHead(deviceId, seq, hash);
    em.persist(head);
    return head;
  }

  void insertChainBreak(AuditChainBreak entry) {
    em.persist(entry);
  }

  /** A tenant's recorded chain breaks, newest first, at most {@code max}. */
  List<AuditChainBreak> chainBreaks(String tenant, int max) {
    return em.createQuery(
            "SELECT b FROM AuditChainBreak b WHERE b.tenant = :tenant"
                + " ORDER BY b.detectedAtMillis DESC, b.id",
            AuditChainBreak.class)
        .setParameter("tenant", tenant)
        .setMaxResults(max)
        .getResultList();
  }

  /** Records matching the query's filter (ignoring its paging). */
  long count(AuditQuery query) {
    return AuditQueryJpql.of(query, false)
        .typed(em, "SELECT COUNT(r) FROM AuditRecord r", "", Long.class)
        .getSingleResult();
  }

  /** The query's page, newest first (time, then event id); one extra to tell if more follow. */
  List<AuditRecord> page(AuditQuery query, int max) {
    return AuditQueryJpql.of(query, true)
        .typed(
            em,
            "SELECT r FROM AuditRecord r",
            " ORDER BY r.occurredAtMillis DESC, r.eventId DESC",
            AuditRecord.class)
        .setFirstResult(query.offset())
        .setMaxResults(max)
        .getResultList();
  }
}
