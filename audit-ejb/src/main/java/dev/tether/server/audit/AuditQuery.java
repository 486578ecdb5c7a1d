package dev.tether.server.audit;

import dev.tether.core.bundle.Identifiers;
import java.util.Objects;

/**
 * One page of a tenant's audit records matching {@code filter}, newest first (by occurrence time,
 * then event id). Page either by {@code offset} (bounded by {@link #MAX_OFFSET}) or by {@code
 * cursor} (the previous page's {@link AuditPage#nextCursor()}), not both.
 *
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 * @param offset records to skip, 0 to {@link #MAX_OFFSET}
 * @param cursor start after this record, or null
 */
public record AuditQuery(
    String tenant, AuditFilter filter, int limit, int offset, AuditCursor cursor) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /** Deepest offset; beyond it the database would scan and discard too much: use the cursor. */
  public static final int MAX_OFFSET = 100_000;

  public AuditQuery {
    Identifiers.require("tenant", tenant);
    Objects.requireNonNull(filter, "filter");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: expected 1 to " + MAX_LIMIT + ", got " + limit);
    }
    if (offset < 0 || offset > MAX_OFFSET) {
      throw new IllegalArgumentException(
          "offset: expected 0 to " + MAX_OFFSET + " (page deeper with cursor), got " + offset);
    }
    if (cursor != null && offset != 0) {
      throw new IllegalArgumentException(
          "offset: expected 0 with a cursor (the cursor says where the page starts), got "
              + offset);
    }
  }

  /** The first page of everything of {@code tenant}. */
  public static AuditQuery all(String tenant, int limit) {
    return new AuditQuery(tenant, AuditFilter.NONE, limit, 0, null);
  }
}
