package dev.tether.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnrollmentTokenTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static EnrollmentToken token(Duration ttl) {
    return new EnrollmentToken(Secrets.hash("t"), "acme", "default", NOW.plus(ttl));
  }

  @Test
  void consume_fresh_marksUsedByDevice() {
    EnrollmentToken token = token(Duration.ofHours(1));
    token.consume(NOW, "device-1");
    assertEquals("device-1", token.usedByDevice);
    assertTrue(token.usedAtMillis > 0);
  }

  @Test
  void consume_secondTime_throwsUnauthenticated() {
    EnrollmentToken token = token(Duration.ofHours(1));
    token.consume(NOW, "device-1");
    TetherException e = assertThrows(TetherException.class, () -> token.consume(NOW, "device-2"));
    assertEquals(TetherException.Kind.UNAUTHENTICATED, e.kind());
    assertTrue(e.getMessage().contains("already used"), e.getMessage());
    assertEquals("device-1", token.usedByDevice);
  }

  @Test
  void consume_atExpiry_throwsUnauthenticated() {
    EnrollmentToken token = token(Duration.ofHours(1));
    TetherException e =
        assertThrows(
            TetherException.class, () -> token.consume(NOW.plus(Duration.ofHours(1)), "device-1"));
    assertTrue(e.getMessage().contains("expired"), e.getMessage());
    assertEquals(0, token.usedAtMillis);
  }

  @Test
  void secrets_hashIsStableAndNeverTheToken() {
    String secret = Secrets.newToken();
    assertEquals(43, secret.length());
    assertEquals(Secrets.hash(secret), Secrets.hash(secret));
    assertFalse(Secrets.hash(secret).contains(secret));
    assertTrue(Secrets.hash(secret).startsWith("sha256:"));
  }
}
