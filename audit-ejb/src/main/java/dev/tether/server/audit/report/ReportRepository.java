package dev.tether.server.audit.report;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import dev.tether.server.audit.AuditRepository;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Read-only JPA queries of the audit store for reports. Every query is bounded by a {@link
 * ReportScope} (tenant, period on {@code occurredAtMillis}, which the tenant/time index serves, and
 * leaf index below the log size). Aggregates are GROUP BY queries answered by the database; record
 * lists are keyset-paginated projections (no entities are managed). Runs in the caller's
 * transaction.
 */
@Dependent
public class ReportRepository {
  /** Milliseconds per UTC day (daily buckets). */
  static final long DAY_MILLIS = 86_400_000L;

  private static final String SCOPE =
      " FROM AuditRecord r WHERE r.tenant = :tenant AND r.occurredAtMillis >= :from"
          + " AND r.occurredAtMillis < :to AND r.leafIndex < :size";

  private static final String BLOCKED =
      "SUM(CASE WHEN r.mode = dev.tether.core.policy.ResponseMode.BLOCK THEN 1 ELSE 0 END)";

  @PersistenceContext(unitName = AuditRepository.UNIT)
  EntityManager em;

  public ReportRepository() {}

  /** A repository over {@code em} outside a container (tests, benchmarks, tools). */
  public static ReportRepository of(EntityManager em) {
    ReportRepository repository = new ReportRepository();
    repository.em = em;
    return repository;
  }

  /** {records, distinct decision ids, distinct devices}. */
  long[] totals(ReportScope scope) {
    Object[] row =
        query(
                scope,
                "SELECT COUNT(r), COUNT(DISTINCT r.decisionId), COUNT(DISTINCT r.deviceId)" + SCOPE,
                Object[].class)
            .getSingleResult();
    return new long[] {number(row[0]), number(row[1]), number(row[2])};
  }

  /** {layer, mode, records} of every layer and mode present. */
  List<Object[]> byLayerAndMode(ReportScope scope) {
    return query(
            scope,
            "SELECT r.layer, r.mode, COUNT(r)" + SCOPE + " GROUP BY r.layer, r.mode",
            Object[].class)
        .getResultList();
  }

  /**
   * {value, records, blocked} of {@code layer}'s records grouped by {@code dimension}, largest
   * first, at most {@code max} rows.
   */
  List<Object[]> grouped(ReportScope scope, AuditLayer layer, Dimension dimension, int max) {
    String key = dimension.select();
    return query(
            scope,
            "SELECT "
                + key
                + ", COUNT(r), "
                + BLOCKED
                + SCOPE
                + " AND r.layer = :layer GROUP BY "
                + key
                + " ORDER BY COUNT(r) DESC",
            Object[].class)
        .setParameter("layer", layer)
        .setMaxResults(max)
        .getResultList();
  }

  /** Records of {@code layer} in scope. */
  long count(ReportScope scope, AuditLayer layer) {
    return number(
        query(scope, "SELECT COUNT(r)" + SCOPE + " AND r.layer = :layer", Long.class)
            .setParameter("layer", layer)
            .getSingleResult());
  }

  /** JUDGE records that escalated to the cloud judge. */
  long escalated(ReportScope scope) {
    return number(
        query(
                scope,
                "SELECT COUNT(r)" + SCOPE + " AND r.layer = :layer AND r.escalated = TRUE",
                Long.class)
            .setParameter("layer", AuditLayer.JUDGE)
            .getSingleResult());
  }

  /**
   * {epoch day, mode name, decisions} of POLICY records. Native SQL: JPQL would bind the divisor as
   * a parameter, and PostgreSQL refuses a GROUP BY whose expression differs from the select's only
   * by parameter position. Unquoted names resolve on H2 and PostgreSQL alike.
   */
  List<Object[]> dailyDecisions(ReportScope scope) {
    String day = "(OCCURREDATMILLIS / " + DAY_MILLIS + ")";
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT "
                    + day
                    + ", RESPONSE_MODE, COUNT(*) FROM TETHER_AUDIT_RECORD WHERE TENANT = ?1"
                    + " AND OCCURREDATMILLIS >= ?2 AND OCCURREDATMILLIS < ?3 AND LEAFINDEX < ?4"
                    + " AND AUDIT_LAYER = ?5 GROUP BY "
                    + day
                    + ", RESPONSE_MODE")
            .setParameter(1, scope.tenant())
            .setParameter(2, scope.from().toEpochMilli())
            .setParameter(3, scope.to().toEpochMilli())
            .setParameter(4, scope.logSize())
            .setParameter(5, AuditLayer.POLICY.name())
            .getResultList();
    return rows;
  }

  /**
   * Records in period order ({@code occurredAt}, then event id) strictly after {@code after}, at
   * most {@code max}; only POLICY records when {@code decisionsOnly}.
   */
  public List<DecisionRecord> page(
      ReportScope scope, RecordCursor after, int max, boolean decisionsOnly) {
    StringBuilder jpql =
        new StringBuilder(
            "SELECT r.leafIndex, r.eventId, r.decisionId, r.traceId, r.occurredAtMillis,"
                + " r.occurredAtNanos, r.groupId, r.deviceId, r.osUser, r.developer, r.app,"
                + " r.layer, r.mode, r.destinationHost, r.provider, r.model, r.policyVersion,"
                + " r.detectorIds, r.findingCount, r.classification, r.confidence, r.escalated,"
                + " r.reason");
    jpql.append(SCOPE);
    if (decisionsOnly) {
      jpql.append(" AND r.layer = :layer");
    }
    if (after != null) {
      // Written so the (tenant, occurredAtMillis) index range starts at the cursor.
      jpql.append(
          " AND r.occurredAtMillis >= :afterMillis AND (r.occurredAtMillis > :afterMillis"
              + " OR r.eventId > :afterId)");
    }
    jpql.append(" ORDER BY r.occurredAtMillis, r.eventId");
    TypedQuery<Object[]> query = query(scope, jpql.toString(), Object[].class);
    if (decisionsOnly) {
      query.setParameter("layer", AuditLayer.POLICY);
    }
    if (after != null) {
      query.setParameter("afterMillis", after.occurredAtMillis());
      query.setParameter("afterId", after.eventId());
    }
    return query.setMaxResults(max).getResultList().stream().map(ReportRepository::record).toList();
  }

  private static DecisionRecord record(Object[] r) {
    long millis = number(r[4]);
    String detectors = (String) r[17];
    return new DecisionRecord(
        number(r[0]),
        (String) r[1],
        (String) r[2],
        (String) r[3],
        Instant.ofEpochSecond(Math.floorDiv(millis, 1000L), ((Number) r[5]).intValue()),
        (String) r[6],
        (String) r[7],
        (String) r[8],
        (String) r[9],
        (String) r[10],
        (AuditLayer) r[11],
        (ResponseMode) r[12],
        (String) r[13],
        (String) r[14],
        (String) r[15],
        number(r[16]),
        detectors == null || detectors.isEmpty() ? List.of() : Arrays.asList(detectors.split("\n")),
        ((Number) r[18]).intValue(),
        (String) r[19],
        r[20] == null ? null : ((Number) r[20]).doubleValue(),
        Boolean.TRUE.equals(r[21]),
        (String) r[22]);
  }

  private <T> TypedQuery<T> query(ReportScope scope, String jpql, Class<T> type) {
    return em.createQuery(jpql, type)
        .setParameter("tenant", scope.tenant())
        .setParameter("from", scope.from().toEpochMilli())
        .setParameter("to", scope.to().toEpochMilli())
        .setParameter("size", scope.logSize());
  }

  static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
