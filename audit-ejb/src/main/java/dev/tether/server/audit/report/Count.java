package dev.tether.server.audit.report;

/**
 * One row of a breakdown.
 *
 * @param key what is counted (an app, a host, a detector id, ...); {@code "(none)"} when unknown
 * @param count records (for decision breakdowns: decisions)
 * @param blocked how many of them had mode BLOCK
 */
public record Count(String key, long count, long blocked) {
  /** The key shown for a missing value. */
  public static final String NONE = "(none)";
}
