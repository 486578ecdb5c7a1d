package dev.tether.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AttemptHistoryTest {
  static final String BLOCKED =
      "here is our deploy script, please fix the retry loop: export AWS_SECRET=[AWS_SECRET_1]"
          + " then run terraform apply against the prod account and report back";

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-11-26T10:00:00Z");

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
  }

  @Test
  void nearIdenticalBlocked_countsSmallEditsNotOtherPrompts() {
    AttemptHistory history = new AttemptHistory(new MovingClock());
    history.recordBlocked(BLOCKED);
    history.recordBlocked(BLOCKED.replace("prod", "production"));
    String reshaped = BLOCKED.replace("[AWS_SECRET_1]", "AKIA Q3EG RJ5X WZT7 NB2H");
    assertEquals(2, history.nearIdenticalBlocked(reshaped));
    assertEquals(0, history.nearIdenticalBlocked("what is the capital of Australia?"));
    assertEquals(
        0,
        history.nearIdenticalBlocked(
            "write a python function that parses ISO dates and returns a datetime in UTC"));
  }

  @Test
  void entriesExpireAfterTheWindow() {
    MovingClock clock = new MovingClock();
    AttemptHistory history = new AttemptHistory(clock);
    history.recordBlocked(BLOCKED);
    clock.now = clock.now.plus(AttemptHistory.WINDOW).plus(Duration.ofSeconds(1));
    assertEquals(0, history.nearIdenticalBlocked(BLOCKED));
  }

  @Test
  void capacityIsBounded() {
    AttemptHistory history = new AttemptHistory(new MovingClock());
    for (int i = 0; i < AttemptHistory.CAPACITY + 50; i++) {
      history.recordBlocked(BLOCKED);
    }
    assertTrue(history.nearIdenticalBlocked(BLOCKED) <= AttemptHistory.CAPACITY);
    assertEquals(AttemptHistory.CAPACITY, history.nearIdenticalBlocked(BLOCKED));
  }
}
