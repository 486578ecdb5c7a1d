package dev.tether.server.audit.report;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a {@link DecisionSummary} from GROUP BY queries: the database aggregates, this class
 * only pivots and labels the (small) grouped results. Memory is bounded by the number of groups: at
 * most {@link DecisionSummary#MAX_ROWS} per breakdown, {@link #MAX_DETECTOR_SETS} detector
 * combinations, and one entry per day and mode.
 */
public final class DecisionSummaries {
  /** Most distinct detector combinations read; records in rarer ones are counted as unlisted. */
  static final int MAX_DETECTOR_SETS = 10_000;

  private DecisionSummaries() {}

  /** The summary of {@code scope}, stamped {@code generatedAt}. */
  public static DecisionSummary compute(
      ReportRepository repository, ReportScope scope, Instant generatedAt) {
    long[] totals = repository.totals(scope);
    List<LayerCount> byLayer = new ArrayList<>();
    Map<AuditLayer, Long> perLayer = new EnumMap<>(AuditLayer.class);
    Map<ResponseMode, Long> decisionModes = new EnumMap<>(ResponseMode.class);
    for (Object[] row : repository.byLayerAndMode(scope)) {
      AuditLayer layer = (AuditLayer) row[0];
      ResponseMode mode = (ResponseMode) row[1];
      long n = ReportRepository.number(row[2]);
      byLayer.add(new LayerCount(layer, mode, n));
      perLayer.merge(layer, n, Long::sum);
      if (layer == AuditLayer.POLICY) {
        decisionModes.merge(mode, n, Long::sum);
      }
    }
    byLayer.sort(
        Comparator.comparing(LayerCount::layer)
            .thenComparing(LayerCount::records, Comparator.reverseOrder()));
    List<Count> byMode = new ArrayList<>();
    decisionModes.forEach(
        (mode, n) -> byMode.add(new Count(mode.name(), n, mode == ResponseMode.BLOCK ? n : 0)));
    byMode.sort(Comparator.comparing(Count::count).reversed());
    long decisions = perLayer.getOrDefault(AuditLayer.POLICY, 0L);
    long rules = perLayer.getOrDefault(AuditLayer.RULE, 0L);
    long judges = perLayer.getOrDefault(AuditLayer.JUDGE, 0L);
    return new DecisionSummary(
        scope.tenant(),
        scope.from(),
        scope.to(),
        scope.logSize(),
        scope.checkpoint(),
        generatedAt,
        totals[0],
        decisions,
        totals[1],
        totals[2],
        byMode,
        byLayer,
        detectors(repository, scope, rules),
        breakdown(repository, scope, AuditLayer.JUDGE, Dimension.JUDGE_LABEL, judges),
        repository.escalated(scope),
        breakdown(repository, scope, AuditLayer.POLICY, Dimension.APP, decisions),
        breakdown(repository, scope, AuditLayer.POLICY, Dimension.DESTINATION, decisions),
        breakdown(repository, scope, AuditLayer.POLICY, Dimension.PROVIDER_MODEL, decisions),
        breakdown(repository, scope, AuditLayer.POLICY, Dimension.GROUP, decisions),
        breakdown(repository, scope, AuditLayer.POLICY, Dimension.USER, decisions),
        daily(repository, scope));
  }

  private static Breakdown breakdown(
      ReportRepository repository,
      ReportScope scope,
      AuditLayer layer,
      Dimension dimension,
      long total) {
    List<Count> rows = new ArrayList<>();
    long listed = 0;
    for (Object[] row : repository.grouped(scope, layer, dimension, DecisionSummary.MAX_ROWS)) {
      String key;
      if (dimension.width() == 2) {
        key = label(row[0]) + " / " + label(row[1]);
      } else {
        key = label(row[0]);
      }
      long n = ReportRepository.number(row[dimension.width()]);
      rows.add(new Count(key, n, ReportRepository.number(row[dimension.width() + 1])));
      listed += n;
    }
    return new Breakdown(rows, Math.max(0, total - listed));
  }

  /** Detector combinations grouped in the database, split into single detectors here. */
  private static Breakdown detectors(ReportRepository repository, ReportScope scope, long rules) {
    Map<String, long[]> counts = new HashMap<>();
    long covered = 0;
    for (Object[] row :
        repository.grouped(scope, AuditLayer.RULE, Dimension.DETECTORS, MAX_DETECTOR_SETS)) {
      long n = ReportRepository.number(row[1]);
      long blocked = ReportRepository.number(row[2]);
      covered += n;
      String ids = (String) row[0];
      if (ids == null || ids.isEmpty()) {
        continue; // a RULE record without a detector (a rule-layer failure): in the layer table
      }
      for (String id : ids.split("\n")) {
        long[] c = counts.computeIfAbsent(id, k -> new long[2]);
        c[0] += n;
        c[1] += blocked;
      }
    }
    List<Count> rows = new ArrayList<>();
    counts.forEach((id, c) -> rows.add(new Count(id, c[0], c[1])));
    rows.sort(Comparator.comparing(Count::count).reversed().thenComparing(Count::key));
    long unlisted = Math.max(0, rules - covered);
    if (rows.size() > DecisionSummary.MAX_ROWS) {
      // A record can carry several detectors: rows beyond the cap are summed as unlisted
      // detector hits, not records.
      unlisted +=
          rows.subList(DecisionSummary.MAX_ROWS, rows.size()).stream()
              .mapToLong(Count::count)
              .sum();
      return new Breakdown(rows.subList(0, DecisionSummary.MAX_ROWS), unlisted);
    }
    return new Breakdown(rows, unlisted);
  }

  private static List<DayCount> daily(ReportRepository repository, ReportScope scope) {
    Map<Long, Map<String, Long>> days = new LinkedHashMap<>();
    long first = Math.floorDiv(scope.from().toEpochMilli(), ReportRepository.DAY_MILLIS);
    long last = Math.floorDiv(scope.to().toEpochMilli() - 1, ReportRepository.DAY_MILLIS);
    for (long day = first; day <= last; day++) {
      days.put(day, new LinkedHashMap<>());
    }
    for (Object[] row : repository.dailyDecisions(scope)) {
      long day = ReportRepository.number(row[0]);
      Map<String, Long> modes = days.get(day);
      if (modes != null) {
        modes.merge(
            ResponseMode.valueOf(row[1].toString()).name(),
            ReportRepository.number(row[2]),
            Long::sum);
      }
    }
    List<DayCount> result = new ArrayList<>();
    days.forEach(
        (day, modes) ->
            result.add(
                new DayCount(
                    LocalDate.ofEpochDay(day).toString(),
                    modes.values().stream().mapToLong(Long::longValue).sum(),
                    modes)));
    return result;
  }

  private static String label(Object value) {
    return value == null || value.toString().isEmpty() ? Count.NONE : value.toString();
  }
}
