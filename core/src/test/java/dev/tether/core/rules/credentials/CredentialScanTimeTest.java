package dev.tether.core.rules.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.rules.Detector;
import dev.tether.core.rules.ScanCost;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ReDoS-style inputs: prefixes and keys repeated, long runs that almost match. Every detector
 * (called directly, bypassing the prefilter) must do work linear in the input: a backtracking
 * pattern would take minutes on 1 MB and grow 256x for 16x the input. Costs are CPU time of the
 * scanning thread, best of several runs, compared between 64 KB and 1 MB ({@link ScanCost}), so a
 * loaded CI machine cannot fail the test.
 */
class CredentialScanTimeTest {
  private static final int SIZE = 1 << 20;
  private static final List<Detector> DETECTORS = CredentialDetectors.all();

  static Stream<Arguments> adversarialInputs() {
    return Stream.of(
        input("one long alphanumeric run", n -> "a".repeat(n)),
        input("github prefix then endless body", n -> "ghp_" + "A1".repeat(n / 2)),
        input("openai project prefix repeated", n -> "sk-proj-".repeat(n / 8)),
        input("password key repeated", n -> "password=".repeat(n / 9)),
        input("key name without value", n -> "DD_API_KEY_".repeat(n / 11)),
        input("jwt header without dots", n -> "eyJ" + "A".repeat(n)),
        input("jwt dots repeated", n -> "eyJhbGci.".repeat(n / 9)),
        input("hex run", n -> "0123456789abcdef".repeat(n / 16)),
        input("url userinfo without host", n -> "http://" + "a:b".repeat(n / 3)),
        input("base64 run", n -> "QUJD+/".repeat(n / 6)),
        input("kind secret repeated", n -> "kind: Secret\ndata:\n  k: dmFsdWU=\n".repeat(n / 32)),
        input("pem headers without bodies", n -> "-----BEGIN PRIVATE KEY-----".repeat(n / 27)),
        input("slack prefix repeated", n -> "xoxb-1234567890-".repeat(n / 16)));
  }

  private static Arguments input(String note, IntFunction<String> input) {
    return Arguments.of(note, input);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adversarialInputs")
  void scan_adversarialInput_isLinear(String note, IntFunction<String> input) {
    ScanCost.assertLinear(
        note,
        SIZE,
        input,
        text -> {
          for (Detector detector : DETECTORS) {
            assertThat(detector.scan(text)).isNotNull();
          }
        });
  }
}
