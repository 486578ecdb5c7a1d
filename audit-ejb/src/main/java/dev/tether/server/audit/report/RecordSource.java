package dev.tether.server.audit.report;

import java.util.List;
import java.util.function.Consumer;

/**
 * Pages of one report's records in period order. In the server each page is one short transaction
 * (an EJB call), so a list of millions of records streams without a long-running transaction or
 * every row in memory.
 */
@FunctionalInterface
public interface RecordSource {
  /** Records page size used by the writers. */
  int PAGE = 2_000;

  /** Records strictly after {@code after} (null: from the start), at most {@code max}. */
  List<DecisionRecord> page(RecordCursor after, int max, boolean decisionsOnly);

  /**
   * Feeds records to {@code sink} page by page, at most {@code limit} (negative: all).
   *
   * @return how many were fed
   */
  default long forEach(boolean decisionsOnly, long limit, Consumer<DecisionRecord> sink) {
    RecordCursor cursor = null;
    long fed = 0;
    while (limit < 0 || fed < limit) {
      int max = (int) (limit < 0 ? PAGE : Math.min(PAGE, limit - fed));
      List<DecisionRecord> page = page(cursor, max, decisionsOnly);
      for (DecisionRecord record : page) {
        sink.accept(record);
      }
      fed += page.size();
      if (page.size() < max) {
        break;
      }
      cursor = RecordCursor.after(page.get(page.size() - 1));
    }
    return fed;
  }
}
