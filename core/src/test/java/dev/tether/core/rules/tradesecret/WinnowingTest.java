package dev.tether.core.rules.tradesecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WinnowingTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          shared run at the guarantee threshold (W + K - 1 tokens) | 25 | 1
          long shared run                                          | 200 | 2
          shared run in a different random context                 | 25 | 3
          """)
  void select_sharedRunOfThresholdTokens_sharesAFingerprint(String note, int run, long seed) {
    Random random = new Random(seed);
    String shared = words(random, run);
    String a = words(random, 300) + " " + shared + " " + words(random, 300);
    String b = words(random, 50) + " " + shared + " " + words(random, 500);

    assertThat(intersection(a, b)).isNotEmpty();
  }

  @Test
  void select_runShorterThanK_sharesNothing() {
    Random random = new Random(7);
    String shared = words(random, Winnowing.K - 1);

    assertThat(intersection(words(random, 200) + " " + shared, shared + " " + words(random, 200)))
        .isEmpty();
  }

  @Test
  void select_whitespaceAndCommentsOnly_doNotChangeFingerprints() {
    String code =
        "int add(int a, int b) { return a + b; } // sum\nint twice(int x) { return 2 * x; }";
    String reformatted =
        "int add(int a,\n    int b)\n{\n  /* adds */ return a+b;\n}\n\n# note\nint twice(int x){return 2*x;}";

    assertEquals(set(code, true), set(reformatted, true));
  }

  @Test
  void select_tooFewTokens_selectsNothing() {
    assertEquals(0, Winnowing.select("a b c", true).size());
  }

  @Test
  void select_fewerKgramsThanAWindow_selectsTheMinimum() {
    assertEquals(1, Winnowing.select("a b c d e f g h i j k l", true).size());
  }

  private static Set<Long> intersection(String a, String b) {
    Set<Long> shared = set(a, true);
    shared.retainAll(set(b, true));
    return shared;
  }

  private static Set<Long> set(String text, boolean stripComments) {
    Winnowing.Selection s = Winnowing.select(text, stripComments);
    Set<Long> out = new HashSet<>();
    Arrays.stream(s.hashes(), 0, s.size()).forEach(out::add);
    return out;
  }

  private static String words(Random random, int count) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < count; i++) {
      b.append(i == 0 ? "" : " ").append("w").append(random.nextInt(1_000_000));
    }
    return b.toString();
  }
}
