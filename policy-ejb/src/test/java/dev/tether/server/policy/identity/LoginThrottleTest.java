package dev.tether.server.policy.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  private final MutableClock clock = new MutableClock();
  private final LoginThrottle throttle = LoginThrottle.standard(clock);

  @Test
  void failures_belowThreshold_neverLock() {
    for (int i = 0; i < 4; i++) {
      assertEquals(Optional.empty(), throttle.failure("alice"));
    }
    assertEquals(Optional.empty(), throttle.lockedFor("alice"));
  }

  @Test
  void failures_pastThreshold_lockWithDoublingDelayCappedAtOneHour() {
    for (int i = 0; i < 4; i++) {
      throttle.failure("alice");
    }
    assertEquals(Optional.of(Duration.ofSeconds(30)), throttle.failure("alice"));
    assertEquals(Optional.of(Duration.ofSeconds(30)), throttle.lockedFor("alice"));
    clock.advance(Duration.ofSeconds(29));
    assertTrue(throttle.lockedFor("alice").isPresent());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), throttle.lockedFor("alice"));
    assertEquals(Optional.of(Duration.ofSeconds(60)), throttle.failure("alice"));
    clock.advance(Duration.ofSeconds(60));
    assertEquals(Optional.of(Duration.ofSeconds(120)), throttle.failure("ALICE "));
    for (int i = 0; i < 20; i++) {
      throttle.failure("alice");
    }
    assertEquals(Optional.of(Duration.ofHours(1)), throttle.lockedFor("alice"));
  }

  @Test
  void success_clearsTheCount() {
    for (int i = 0; i < 4; i++) {
      throttle.failure("bob");
    }
    throttle.success("bob");
    assertEquals(0, throttle.failures("bob"));
    assertEquals(Optional.empty(), throttle.failure("bob"));
  }

  @Test
  void failures_olderThanResetWindow_startOver() {
    for (int i = 0; i < 4; i++) {
      throttle.failure("carol");
    }
    clock.advance(LoginThrottle.RESET_AFTER.plusSeconds(1));
    assertEquals(Optional.empty(), throttle.failure("carol"));
    assertEquals(1, throttle.failures("carol"));
  }

  @Test
  void unknownNames_areCountedLikeKnownOnes() {
    for (int i = 0; i < 5; i++) {
      throttle.failure("no-such-user");
    }
    assertTrue(throttle.lockedFor("no-such-user").isPresent());
    assertEquals(Optional.empty(), throttle.lockedFor("someone-else"));
  }
}
