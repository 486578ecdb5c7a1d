package dev.tether.core.rules.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * The two-characters-a-step pass of {@link KeywordWindows#around} (all words of three or more
 * characters) must give exactly the regions of the one-character-a-step pass, at every offset
 * parity, with case changes, camelCase humps and {@code _}/{@code -} for spaces.
 */
class KeywordWindowsStrideTest {
  private static final List<String> WORDS =
      List.of("phone", "phones", "tel", "telefon", "cell", "cellphone", "date of birth", "ss #");
  private static final String[] PIECES = {
    "phone",
    "Phone",
    "PHONES",
    "tel",
    "Tel",
    "telefon",
    "cell",
    "Cellphone",
    "xcell",
    "date_of_birth",
    "date-of birth",
    "ss #",
    "ss#",
    "a",
    "b",
    " ",
    "_",
    "-",
    "\n",
    "1",
    "é",
    "hotel",
    "usTel"
  };

  @RepeatedTest(300)
  void around_twoAtATime_sameRegionsAsOneAtATime(RepetitionInfo repetition) {
    Random random = new Random(repetition.getCurrentRepetition());
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(40);
    for (int k = 0; k < pieces; k++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    String s = text.toString();
    KeywordWindows windows = KeywordWindows.of(WORDS);
    int before = random.nextInt(12);
    int after = random.nextInt(12);

    List<int[]> expected = windows.aroundEachChar(s, before, after);
    List<int[]> actual = windows.aroundTwoAtATime(s, before, after);

    assertEquals(render(expected), render(actual), s);
    assertEquals(render(expected), render(windows.around(s, before, after)), s);
  }

  private static List<String> render(List<int[]> regions) {
    return regions.stream().map(r -> r[0] + "-" + r[1]).toList();
  }
}
