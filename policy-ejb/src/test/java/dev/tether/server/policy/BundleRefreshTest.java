package dev.tether.server.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BundleRefreshTest {
  private static final long ISSUED = Instant.parse("2026-11-26T00:00:00Z").toEpochMilli();
  private static final long EXPIRES = ISSUED + Duration.ofDays(7).toMillis();

  @Test
  void pastHalfLife_beforeHalf_false_fromHalfOn_true() {
    long half = ISSUED + Duration.ofHours(84).toMillis();

    assertFalse(PolicyService.pastHalfLife(ISSUED, EXPIRES, ISSUED));
    assertFalse(PolicyService.pastHalfLife(ISSUED, EXPIRES, half - 1));
    assertTrue(PolicyService.pastHalfLife(ISSUED, EXPIRES, half));
    assertTrue(PolicyService.pastHalfLife(ISSUED, EXPIRES, EXPIRES + 1));
  }
}
