package dev.tether.server.audit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The WHERE clause of an {@link AuditQuery}: always the tenant, then one bound parameter per filter
 * that is set (values are never concatenated into the JPQL). Each filter has an index starting with
 * the tenant ({@link AuditRecord}).
 */
final class AuditQueryJpql {
  private final StringBuilder where = new StringBuilder(" WHERE r.tenant = :tenant");
  private final Map<String, Object> params = new LinkedHashMap<>();

  private AuditQueryJpql() {}

  /** The clause for {@code query}; with {@code paging}, also its cursor. */
  static AuditQueryJpql of(AuditQuery query, boolean paging) {
    AuditQueryJpql q = new AuditQueryJpql();
    q.params.put("tenant", query.tenant());
    AuditFilter f = query.filter();
    q.equal("r.groupId", "group", f.group());
    q.equal("r.deviceId", "device", f.deviceId());
    if (f.user() != null) {
      q.where.append(" AND (r.osUser = :user OR r.developer = :user)");
      q.params.put("user", f.user());
    }
    q.equal("r.app", "app", f.app());
    q.equal("r.destinationHost", "destination", f.destination());
    q.equal("r.provider", "provider", f.provider());
    q.equal("r.layer", "layer", f.layer());
    q.equal("r.mode", "mode", f.mode());
    q.equal("r.decisionId", "decision", f.decisionId());
    q.equal("r.traceId", "trace", f.traceId());
    if (f.from() != null) {
      q.where.append(" AND r.occurredAtMillis >= :from");
      q.params.put("from", f.from().toEpochMilli());
    }
    if (f.to() != null) {
      q.where.append(" AND r.occurredAtMillis < :to");
      q.params.put("to", f.to().toEpochMilli());
    }
    if (paging && query.cursor() != null) {
      q.where.append(
          " AND (r.occurredAtMillis < :cursorTime"
              + " OR (r.occurredAtMillis = :cursorTime AND r.eventId < :cursorId))");
      q.params.put("cursorTime", query.cursor().occurredAtMillis());
      q.params.put("cursorId", query.cursor().eventId());
    }
    return q;
  }

  <T> TypedQuery<T> typed(EntityManager em, String select, String order, Class<T> type) {
    TypedQuery<T> typed = em.createQuery(select + where + order, type);
    params.forEach(typed::setParameter);
    return typed;
  }

  private void equal(String column, String param, Object value) {
    if (value != null) {
      where.append(" AND ").append(column).append(" = :").append(param);
      params.put(param, value);
    }
  }
}
