package dev.tether.server.audit;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The query API's filters and paging on EclipseLink + H2 (PostgreSQL: the store IT). */
class AuditQueryStoreTest {
  static JpaStore store;
  static final AuditQueryScenario scenario = new AuditQueryScenario("acme");

  @BeforeAll
  static void seed() {
    store = JpaStore.h2("query-" + UUID.randomUUID());
    scenario.seed(store);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Test
  void query_eachFilterAndCombination_matchesOracleNewestFirst() {
    scenario.filtersMatchOracle(store);
  }

  @Test
  void query_offsetAndCursorPaging_walkEveryRecordOnceInOrder() {
    scenario.pagingWalksEverythingOnce(store);
  }
}
