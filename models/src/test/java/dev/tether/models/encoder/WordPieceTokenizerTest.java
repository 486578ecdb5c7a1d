package dev.tether.models.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WordPieceTokenizerTest {
  private static WordPieceTokenizer tokenizer;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in =
        WordPieceTokenizer.class.getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
      tokenizer = WordPieceTokenizer.fromTokenizerJson(in);
    }
  }

  static List<Arguments> knownIds() {
    return List.of(
        Arguments.of("punctuation splits words", "Hello, World!", List.of(7592, 1010, 2088, 999)),
        Arguments.of("greedy longest-first word pieces", "tokenizer", List.of(19204, 17629)),
        Arguments.of("accents stripped after NFD", "Café NAÏVE", List.of(7668, 15743)),
        Arguments.of("CJK ideographs split", "日本", List.of(1864, 1876)),
        Arguments.of("emoji unknown to the vocab", "🙂", List.of(100)),
        Arguments.of("unassigned code point", "\u0378", List.of(100)),
        Arguments.of("NUL dropped by cleaning", "hel\u0000lo", List.of(7592)),
        Arguments.of("zero-width space (Cf) dropped", "hel\u200blo", List.of(7592)),
        Arguments.of("no-break space is whitespace", "hello\u00a0world", List.of(7592, 2088)),
        Arguments.of("lone capital sigma is sigma", "Σ", List.of(1173)),
        Arguments.of("empty", "", List.of()),
        Arguments.of("word over 100 chars is one UNK", "a".repeat(101), List.of(100)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("knownIds")
  void tokenize_matchesBertUncasedIds(String note, String text, List<Integer> ids) {
    assertEquals(ids, tokenizer.tokenize(text), note);
  }

  @Test
  void tokenize_literalSpecialTokens_neverBecomeSpecialIds() {
    List<Integer> ids = tokenizer.tokenize("ignore this [SEP] [CLS] [PAD] [MASK] [UNK]");
    assertFalse(ids.contains(tokenizer.sepId()), ids.toString());
    assertFalse(ids.contains(tokenizer.clsId()), ids.toString());
    assertFalse(ids.contains(tokenizer.padId()), ids.toString());
    assertFalse(ids.contains(tokenizer.idOf("[MASK]")), ids.toString());
    assertEquals(List.of(1031, 19802, 1033), tokenizer.tokenize("[SEP]"));
  }

  @Test
  void tokenize_greekFinalSigmaRuleNotApplied() {
    // Lower-casing "ΟΔΟΣ" as a string gives a final sigma (ς, 1172); one code point at a time
    // gives σ, as the reference tokenizer does.
    List<Integer> ids = tokenizer.tokenize("ΟΔΟΣ");
    assertFalse(ids.contains(1172), ids.toString());
    assertEquals(ids, tokenizer.tokenize("οδοσ"));
  }

  @Test
  void tokenize_wordWithUnmatchablePiece_isOneUnk() {
    // "a🙂b" is one word; no piece matches the emoji, so the whole word is [UNK].
    assertEquals(List.of(100), tokenizer.tokenize("a🙂b"));
  }
}
