package dev.tether.server.audit.report;

import java.time.Instant;
import java.util.List;

/**
 * The aggregates of one decision report. A <em>decision</em> is one POLICY-layer record (the mode
 * applied to one request); the layer breakdown counts every record, so rule and judge records are
 * shown separately from the decision they contributed to.
 *
 * @param tenant the tenant
 * @param from period start (inclusive)
 * @param to period end (exclusive)
 * @param logSize audit-log tree size every figure is bounded by
 * @param checkpoint the signed checkpoint of that size (C2SP signed note), or null
 * @param generatedAt when the report was produced
 * @param records audit records of every layer
 * @param decisions decisions (POLICY records)
 * @param decisionIds distinct decision ids among all records
 * @param devices distinct devices
 * @param byMode decisions per applied mode
 * @param byLayer records per layer and mode
 * @param byDetector RULE records per detector id ({@code blocked}: of those, records asking BLOCK)
 * @param byJudgeLabel JUDGE records per label
 * @param escalated JUDGE records that escalated to the cloud judge
 * @param byApp decisions per application
 * @param byDestination decisions per destination host
 * @param byProviderModel decisions per provider and model ({@code provider / model})
 * @param byGroup decisions per device group
 * @param byUser decisions per OS user
 * @param daily decisions per UTC day of the period, every day listed
 */
public record DecisionSummary(
    String tenant,
    Instant from,
    Instant to,
    long logSize,
    String checkpoint,
    Instant generatedAt,
    long records,
    long decisions,
    long decisionIds,
    long devices,
    List<Count> byMode,
    List<LayerCount> byLayer,
    Breakdown byDetector,
    Breakdown byJudgeLabel,
    long escalated,
    Breakdown byApp,
    Breakdown byDestination,
    Breakdown byProviderModel,
    Breakdown byGroup,
    Breakdown byUser,
    List<DayCount> daily) {

  /** Most rows of one breakdown (the rest is counted as unlisted). */
  public static final int MAX_ROWS = 200;

  public DecisionSummary {
    byMode = List.copyOf(byMode);
    byLayer = List.copyOf(byLayer);
    daily = List.copyOf(daily);
  }

  /** Decisions with mode BLOCK. */
  public long blocked() {
    return byMode.stream().filter(c -> c.key().equals("BLOCK")).mapToLong(Count::count).sum();
  }
}
