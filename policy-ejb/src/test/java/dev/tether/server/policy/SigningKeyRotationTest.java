package dev.tether.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SigningKeyRotationTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "key valid since 89 days: keep, 2026-08-29T12:00:00Z, false",
    "exactly 90 days: rotate, 2026-08-28T12:00:00Z, true",
    "older: rotate, 2026-01-01T00:00:00Z, true",
    "valid from the future (clock skew): keep, 2026-11-27T00:00:00Z, false"
  })
  void due_comparesKeyAgeWithTheConfiguredAge(String note, String newest, boolean due) {
    assertEquals(
        due, SigningKeyRotation.due(Instant.parse(newest), Duration.ofDays(90), NOW), note);
  }
}
