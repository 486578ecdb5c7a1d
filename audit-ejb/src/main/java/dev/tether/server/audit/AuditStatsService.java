package dev.tether.server.audit;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.bundle.Identifiers;
import dev.tether.core.policy.ResponseMode;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dashboard aggregates over one tenant's audit records. Every query is a grouped count bounded by
 * the window and by row limits, so the cost does not grow with record content; nothing here reads
 * reasons, digests or excerpts.
 */
@Stateless
public class AuditStatsService {
  /** Distinct detector-id combinations read to rank detectors (the rest are not counted). */
  static final int MAX_DETECTOR_COMBINATIONS = 5000;

  @PersistenceContext(unitName = AuditRepository.UNIT)
  EntityManager em;

  Clock clock = Clock.systemUTC();

  /**
   * Aggregates for the last {@code days} UTC days, today included.
   *
   * @throws IllegalArgumentException for an invalid tenant id or window length
   */
  public AuditStats stats(String tenant, int days) {
    Identifiers.require("tenant", tenant);
    AuditStats.requireDays(days);
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    Instant from = today.minusDays(days - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    long fromMillis = from.toEpochMilli();
    long toMillis = to.toEpochMilli();

    List<AuditStats.Cell> series = new ArrayList<>();
    long total = 0;
    for (Object[] row :
        window(
                "SELECT FLOOR(r.occurredAtMillis / 86400000), r.layer, r.mode, COUNT(r)",
                " GROUP BY FLOOR(r.occurredAtMillis / 86400000), r.layer, r.mode",
                tenant,
                fromMillis,
                toMillis)
            .getResultList()) {
      long day = ((Number) row[0]).longValue();
      long count = ((Number) row[3]).longValue();
      total += count;
      series.add(
          new AuditStats.Cell(
              LocalDate.ofEpochDay(day), (AuditLayer) row[1], (ResponseMode) row[2], count));
    }
    series.sort(
        Comparator.comparing(AuditStats.Cell::day)
            .thenComparing(AuditStats.Cell::layer)
            .thenComparing(AuditStats.Cell::mode));
    long decisions =
        em.createQuery(
                "SELECT COUNT(DISTINCT r.decisionId) FROM AuditRecord r WHERE r.tenant = :t"
                    + " AND r.occurredAtMillis >= :from AND r.occurredAtMillis < :to",
                Long.class)
            .setParameter("t", tenant)
            .setParameter("from", fromMillis)
            .setParameter("to", toMillis)
            .getSingleResult();
    return new AuditStats(
        from,
        to,
        days,
        total,
        decisions,
        series,
        topDetectors(tenant, fromMillis, toMillis),
        top("r.app", tenant, fromMillis, toMillis),
        top("r.destinationHost", tenant, fromMillis, toMillis));
  }

  private List<AuditStats.Ranked> topDetectors(String tenant, long from, long to) {
    Map<String, Long> counts = new HashMap<>();
    for (Object[] row :
        window(
                "SELECT r.detectorIds, COUNT(r)",
                " AND r.layer = :layer GROUP BY r.detectorIds",
                tenant,
                from,
                to)
            .setParameter("layer", AuditLayer.RULE)
            .setMaxResults(MAX_DETECTOR_COMBINATIONS)
            .getResultList()) {
      String ids = (String) row[0];
      if (ids == null || ids.isEmpty()) {
        continue;
      }
      long count = ((Number) row[1]).longValue();
      for (String id : ids.split("\n")) {
        counts.merge(id, count, Long::sum);
      }
    }
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(AuditStats.TOP)
        .map(e -> new AuditStats.Ranked(e.getKey(), e.getValue()))
        .toList();
  }

  /** {@code field} is a constant of this class, never caller input. */
  private List<AuditStats.Ranked> top(String field, String tenant, long from, long to) {
    return window(
            "SELECT " + field + ", COUNT(r)",
            " AND r.layer = :layer GROUP BY " + field + " ORDER BY COUNT(r) DESC, " + field,
            tenant,
            from,
            to)
        .setParameter("layer", AuditLayer.POLICY)
        .setMaxResults(AuditStats.TOP)
        .getResultList()
        .stream()
        .map(row -> new AuditStats.Ranked((String) row[0], ((Number) row[1]).longValue()))
        .toList();
  }

  private jakarta.persistence.TypedQuery<Object[]> window(
      String select, String rest, String tenant, long from, long to) {
    return em.createQuery(
            select
                + " FROM AuditRecord r WHERE r.tenant = :t"
                + " AND r.occurredAtMillis >= :from AND r.occurredAtMillis < :to"
                + rest,
            Object[].class)
        .setParameter("t", tenant)
        .setParameter("from", from)
        .setParameter("to", to);
  }
}
