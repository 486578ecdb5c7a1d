package dev.tether.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReleaseVersionTest {
  @ParameterizedTest(name = "{0} < {1}: {2}")
  @CsvSource({
    "1.0.0, 2.0.0, major",
    "1.9.0, 1.10.0, numeric not lexical",
    "1.0.9, 1.0.10, patch numeric",
    "1.0.0-alpha, 1.0.0, pre-release below release",
    "1.0.0-alpha, 1.0.0-alpha.1, fewer fields below more",
    "1.0.0-alpha.1, 1.0.0-alpha.beta, numeric below alphanumeric",
    "1.0.0-beta.2, 1.0.0-beta.11, numeric identifiers numerically",
    "1.0.0-rc.1, 1.0.0, rc below release",
    "0.1.0-SNAPSHOT, 0.1.0, snapshot below release"
  })
  void compareTo_ordersBySemverPrecedence(String lower, String higher, String note) {
    ReleaseVersion a = ReleaseVersion.parse("a", lower);
    ReleaseVersion b = ReleaseVersion.parse("b", higher);

    assertEquals(-1, Integer.signum(a.compareTo(b)), note);
    assertEquals(1, Integer.signum(b.compareTo(a)), note);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"1.2", "01.2.3", "1.2.3+build", "v1.2.3", "1.2.3-", "1.2.3-01", "dev", ""})
  void parse_notSemver_throwsNamingKey(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReleaseVersion.parse("key", text));
    assertEquals(true, e.getMessage().startsWith("key: "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0", "1.2.3", "1.2.3-rc.1", "10.20.30-alpha-1.x"})
  void parse_roundTrips(String text) {
    assertEquals(text, ReleaseVersion.parse("v", text).toString());
  }
}
