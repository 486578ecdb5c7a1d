package dev.tether.core.rules.personal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.rules.support.ContextWords;
import dev.tether.core.rules.support.KeywordWindows;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared context helpers in {@code rules.support}, as the personal detectors use them. */
class ContextWordsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          plain word                    | call me           | tel   | false
          word inside another           | hotel lobby       | tel   | false
          word at start                 | tel: 123          | tel   | true
          case-insensitive              | TEL: 123          | tel   | true
          snake_case field              | date_of_birth     | date of birth | true
          kebab-case field              | date-of-birth     | date of birth | true
          camelCase hump before         | usSsn             | ssn   | true
          camelCase hump after          | passportNumber    | passport | true
          lowercase run is one word     | passportnumber    | passport | false
          phrase with punctuation       | D.O.B 1985        | d.o.b | true
          """)
  void near_wordBoundaries(String note, String text, String word, boolean found) {
    ContextWords words = ContextWords.of(100, 100, word);

    assertThat(words.near(text, 0, 0)).as(note).isEqualTo(found);
  }

  @Test
  void near_onlySearchesTheWindow() {
    String text = "card " + "x".repeat(100) + " 4587344468893735";
    int start = text.indexOf('4');

    assertThat(ContextWords.of(20, 0, "card").near(text, start, start + 16)).isFalse();
    assertThat(ContextWords.of(120, 0, "card").near(text, start, start + 16)).isTrue();
  }

  @Test
  void around_mergesOverlappingRegions() {
    String text = "ssn a ssn b" + " ".repeat(200) + "ssn c";

    List<int[]> regions = KeywordWindows.around(text, List.of("ssn"), 5, 10);

    assertThat(regions).hasSize(2);
    assertThat(regions.get(0)).containsExactly(0, 19);
  }

  @Test
  void of_rejectsUppercaseWords() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> ContextWords.of(1, 1, "SSN"));
  }
}
