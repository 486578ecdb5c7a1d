package dev.tether.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Placeholders#isPlaceholder} (one pass, no copy) answers as the definition it replaced:
 * upper-case the value, look for each marker, else at most three distinct characters.
 */
class PlaceholdersTest {
  private static final String[] MARKERS = {
    "EXAMPLE", "YOUR_", "PLACEHOLDER", "REDACTED", "XXXXXX", "******", "CHANGEME"
  };

  static boolean definition(String candidate) {
    String upper = candidate.toUpperCase(Locale.ROOT);
    for (String marker : MARKERS) {
      if (upper.contains(marker)) {
        return true;
      }
    }
    return candidate.chars().distinct().count() <= 3;
  }

  @Test
  void isPlaceholder_knownExamples() {
    assertThat(Placeholders.isPlaceholder("AKIAIOSFODNN7EXAMPLE")).isTrue();
    assertThat(Placeholders.isPlaceholder("your_api_key_here")).isTrue();
    assertThat(Placeholders.isPlaceholder("sk-xxxxxxxxxxxxxxxx")).isTrue();
    assertThat(Placeholders.isPlaceholder("abc*****")).isFalse();
    assertThat(Placeholders.isPlaceholder("abababab")).isTrue();
    assertThat(Placeholders.isPlaceholder("abcdabcd")).isFalse();
    assertThat(Placeholders.isPlaceholder("")).isTrue();
    assertThat(Placeholders.isPlaceholder("Q3EGRJ5XWZT7NB2H")).isFalse();
  }

  @Test
  void isPlaceholder_randomValues_sameAsTheDefinition() {
    String[] pieces = {
      "exa",
      "mple",
      "EXAMPLE",
      "ExAmPlE",
      "your",
      "_",
      "YOUR",
      "place",
      "holder",
      "redact",
      "ed",
      "xxx",
      "XXX",
      "x",
      "***",
      "*",
      "change",
      "me",
      "CHANGEME",
      "a",
      "b",
      "c",
      "7",
      "Q3EG",
      "\u00e9",
      "\u0131",
      "\u017f",
      "\u212a",
      "\u00df",
      "\u0130",
      "z9",
      "-",
      "="
    };
    Random random = new Random(11);
    int placeholders = 0;
    for (int round = 0; round < 20_000; round++) {
      StringBuilder value = new StringBuilder();
      for (int i = random.nextInt(8); i >= 0; i--) {
        value.append(pieces[random.nextInt(pieces.length)]);
      }
      String candidate = value.toString();
      boolean expected = definition(candidate);
      assertThat(Placeholders.isPlaceholder(candidate)).as(candidate).isEqualTo(expected);
      placeholders += expected ? 1 : 0;
    }
    assertThat(placeholders).isBetween(2_000, 18_000);
  }
}
