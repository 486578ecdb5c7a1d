package dev.tether.server.policy.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionTimeoutsTest {
  private final SessionTimeouts t = SessionTimeouts.defaults();
  private final Instant opened = Instant.parse("2026-01-01T08:00:00Z");

  @Test
  void expired_idleLongerThan15Minutes_ends() {
    assertFalse(t.expired(opened, opened, opened.plus(Duration.ofMinutes(14).plusSeconds(59))));
    assertTrue(t.expired(opened, opened, opened.plus(Duration.ofMinutes(15))));
  }

  @Test
  void expired_activeButPastAbsoluteLifetime_ends() {
    Instant now = opened.plus(Duration.ofHours(8));
    assertTrue(t.expired(opened, now.minusSeconds(10), now));
    assertFalse(t.expired(opened, now.minusSeconds(10), now.minusSeconds(1)));
  }

  @Test
  void constructor_nonsense_throwsNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SessionTimeouts(Duration.ofSeconds(5), Duration.ofHours(1)));
    assertTrue(e.getMessage().startsWith(SessionTimeouts.IDLE_KEY));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SessionTimeouts(Duration.ofHours(1), Duration.ofMinutes(30)));
    assertTrue(e.getMessage().startsWith(SessionTimeouts.ABSOLUTE_KEY));
  }
}
