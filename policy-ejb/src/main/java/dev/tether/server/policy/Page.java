package dev.tether.server.policy;

import java.util.List;

/**
 * One page of a list: the items at {@code offset}, at most {@code limit} of them, and how many
 * match in total. Lists are ordered stably (newest first, ties by id), so consecutive pages neither
 * repeat nor skip an item unless the list changes between calls.
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {
  /** Largest page any admin list returns. */
  public static final int MAX_LIMIT = 1000;

  /** Page size when the caller gives none. */
  public static final int DEFAULT_LIMIT = 100;

  public Page {
    items = List.copyOf(items);
    if (total < 0 || offset < 0 || limit < 1) {
      throw new IllegalArgumentException(
          "page: total, offset >= 0 and limit >= 1 expected, got "
              + total
              + ", "
              + offset
              + ", "
              + limit);
    }
  }

  /**
   * Validates a caller's paging parameters.
   *
   * @throws TetherException INVALID naming {@code limit} or {@code offset} and the value
   */
  public static void requireValid(int offset, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new TetherException(
          TetherException.Kind.INVALID, "limit: expected 1 to " + MAX_LIMIT + ", got " + limit);
    }
    if (offset < 0) {
      throw new TetherException(
          TetherException.Kind.INVALID, "offset: expected 0 or more, got " + offset);
    }
  }
}
