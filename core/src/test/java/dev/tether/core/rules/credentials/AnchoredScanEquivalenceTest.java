package dev.tether.core.rules.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.AnchoredRegexDetector;
import dev.tether.core.rules.support.RegexDetector;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Anchored scanning finds exactly what {@link java.util.regex.Matcher#find()} over the whole text
 * finds, for prefix anchors and for anchors inside the match, on random texts dense with near
 * misses.
 */
class AnchoredScanEquivalenceTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          prefix anchor            | ghp_   | 0  | (?<![A-Za-z0-9_-])(ghp_[A-Za-z0-9]{6})(?![A-Za-z0-9_-])
          anchor inside the match  | azdo   | 6  | (?<![A-Za-z0-9])([A-Za-z0-9]{6}AZDO[a-z]{2})(?![A-Za-z0-9])
          keyed, case-insensitive  | token  | 0  | (?i:token)[ =:]{1,3}([a-f0-9]{8})(?![a-f0-9])
          lookbehind before anchor | ://    | 0  | (?<=[a-z]{1,5})://([a-z]{1,4}):[a-z]{2,6}@
          """)
  void scan_randomText_sameFindingsAsFind(String note, String anchor, int offset, String regex) {
    Pattern pattern = Pattern.compile(regex);
    Detector plain =
        new RegexDetector(
            "d", "t", "generic-secrets", Severity.HIGH, 0.5, Set.of(), pattern, v -> true);
    Detector anchored =
        new AnchoredRegexDetector(
            "d",
            "t",
            "generic-secrets",
            Severity.HIGH,
            0.5,
            Set.of(anchor),
            Set.of(anchor),
            offset,
            pattern,
            v -> true);
    String[] pieces = {
      "ghp_", "GHP_", "aZdo", "AZDO", "token", "TOKEN= ", "://", "http", "ab:", "cd@", "a1b2c3",
      "deadbeef", "x", "_", "-", " ", "\n", "9", "Zz", "abc123", "xy", "ab:cdef@"
    };
    Random random = new Random(note.hashCode());
    int found = 0;
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 60; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      List<Finding> expected = plain.scan(text);
      found += expected.size();

      assertThat(anchored.scan(text)).as(text.toString()).containsExactlyElementsOf(expected);
    }
    assertThat(found).as("the random texts must contain matches").isPositive();
  }
}
