package dev.tether.models.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.models.encoder.WordPieceTokenizer;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenWindowsTest {
  private static WordPieceTokenizer tokenizer;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in =
        WordPieceTokenizer.class.getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
      tokenizer = WordPieceTokenizer.fromTokenizerJson(in);
    }
  }

  @Test
  void select_shortText_isOneWholeWindow() {
    List<int[]> windows = TokenWindows.select("how do I reverse a list in python", tokenizer);
    assertEquals(1, windows.size());
    assertEquals(
        tokenizer.tokenize("how do I reverse a list in python").size(), windows.get(0).length);
  }

  @Test
  void select_mediumText_headAndTailCoverEverything() {
    String text = "alpha beta gamma delta ".repeat(40); // 160 tokens
    List<int[]> windows = TokenWindows.select(text, tokenizer);
    assertEquals(2, windows.size());
    assertEquals(TokenWindows.WINDOW, windows.get(0).length);
    List<Integer> all = tokenizer.tokenize(text);
    assertEquals(all.get(all.size() - 1), windows.get(1)[TokenWindows.WINDOW - 1]);
  }

  @Test
  void select_hugeText_isBoundedAndIncludesTheFlaggedWindow() {
    String filler = "lorem ipsum dolor sit amet consectetur ".repeat(50_000); // ~2 MB
    String text = filler + " deploy with key [AWS_ACCESS_KEY_1] now " + filler;
    List<int[]> windows = TokenWindows.select(text, tokenizer);
    assertEquals(TokenWindows.MAX_WINDOWS, windows.size());
    for (int[] w : windows) {
      assertTrue(w.length <= TokenWindows.WINDOW, "window of " + w.length);
    }
    int aws = tokenizer.idOf("access");
    boolean flagged = false;
    for (int id : windows.get(2)) {
      flagged |= id == aws;
    }
    assertTrue(flagged, "third window covers the placeholder");
  }

  @Test
  void select_emptyText_isOneEmptyWindow() {
    List<int[]> windows = TokenWindows.select("", tokenizer);
    assertEquals(1, windows.size());
    assertEquals(0, windows.get(0).length);
  }
}
