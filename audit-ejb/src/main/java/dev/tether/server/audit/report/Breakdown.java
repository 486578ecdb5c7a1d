package dev.tether.server.audit.report;

import java.util.List;

/**
 * A breakdown by one dimension, largest first.
 *
 * @param rows at most {@link DecisionSummary#MAX_ROWS} rows
 * @param unlisted records counted in the total but in no listed row (rows beyond the cap)
 */
public record Breakdown(List<Count> rows, long unlisted) {
  public Breakdown {
    rows = List.copyOf(rows);
  }
}
