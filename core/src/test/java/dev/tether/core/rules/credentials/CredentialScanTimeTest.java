package dev.tether.core.rules.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.rules.Detector;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ReDoS-style inputs: prefixes and keys repeated, long runs that almost match. Every detector
 * (called directly, bypassing the prefilter) must finish a 1 MB input in bounded time; a
 * backtracking pattern would take minutes.
 */
class CredentialScanTimeTest {
  private static final int SIZE = 1 << 20;
  private static final List<Detector> DETECTORS = CredentialDetectors.all();

  static Stream<Arguments> adversarialInputs() {
    return Stream.of(
        Arguments.of("one long alphanumeric run", "a".repeat(SIZE)),
        Arguments.of("github prefix then endless body", "ghp_" + "A1".repeat(SIZE / 2)),
        Arguments.of("openai project prefix repeated", "sk-proj-".repeat(SIZE / 8)),
        Arguments.of("password key repeated", "password=".repeat(SIZE / 9)),
        Arguments.of("key name without value", "DD_API_KEY_".repeat(SIZE / 11)),
        Arguments.of("jwt header without dots", "eyJ" + "A".repeat(SIZE)),
        Arguments.of("jwt dots repeated", "eyJhbGci.".repeat(SIZE / 9)),
        Arguments.of("hex run", "0123456789abcdef".repeat(SIZE / 16)),
        Arguments.of("url userinfo without host", "http://" + "a:b".repeat(SIZE / 3)),
        Arguments.of("base64 run", "QUJD+/".repeat(SIZE / 6)),
        Arguments.of(
            "kind secret repeated", "kind: Secret\ndata:\n  k: dmFsdWU=\n".repeat(SIZE / 32)),
        Arguments.of("pem headers without bodies", "-----BEGIN PRIVATE KEY-----".repeat(SIZE / 27)),
        Arguments.of("slack prefix repeated", "xoxb-1234567890-".repeat(SIZE / 16)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adversarialInputs")
  void scan_adversarialInput_finishesInBoundedTime(String note, String input) {
    Assertions.assertTimeout(
        Duration.ofSeconds(10),
        () -> {
          for (Detector detector : DETECTORS) {
            assertThat(detector.scan(input)).isNotNull();
          }
        });
  }
}
