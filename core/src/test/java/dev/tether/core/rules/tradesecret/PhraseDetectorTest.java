package dev.tether.core.rules.tradesecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhraseDetectorTest {
  private static final PhraseDetector MARKERS =
      new PhraseDetector(
          "trade-secret-marker",
          "confidential-marker",
          DetectorFamilies.TRADE_SECRET_MARKERS,
          Severity.MEDIUM,
          0.9,
          List.of("CONFIDENTIAL", "Internal Only", "Do not distribute", "Bluebird", "C++"),
          false);

  private static final PhraseDetector PREFIXES =
      new PhraseDetector(
          "internal-package-prefix",
          "internal-package",
          DetectorFamilies.TRADE_SECRET_MARKERS,
          Severity.MEDIUM,
          0.9,
          List.of("com.acme.", "@acme/", "acme_internal"),
          true);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          upper case marker                 | Label: [[CONFIDENTIAL]] draft
          any case                          | this is [[confidential]], sorry
          at start and end of text          | [[Confidential]]
          not inside a longer word          | confidentiality agreement and NONCONFIDENTIAL files
          not glued to digits or underscore | CONFIDENTIAL2 _CONFIDENTIAL
          punctuation is a boundary         | ([[CONFIDENTIAL]]) "[[confidential]]".
          phrase across a line break        | marked [[INTERNAL\\nONLY]] here
          phrase with a run of spaces       | [[do   not distribute]]
          phrase split differently is not   | do-not distribute
          several hits, exact spans         | [[Bluebird]] is [[CONFIDENTIAL]] and [[internal only]]
          code name inside another word     | bluebirds and Bluebirdish
          non-word edge needs no boundary   | built with [[C++]]17
          """)
  void markers_foundWithExactSpans(String note, String marked) {
    Marked m = Marked.of(marked.replace("\\n", "\n"));

    List<Finding> findings = MARKERS.scan(m.text());

    assertEquals(m.spans(), Marked.spansOf(findings));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          Java import spans the qualified name  | import [[com.acme.billing.InvoiceService]];
          npm scope spans the module path       | require('[[@acme/ui-kit/button]]')
          trailing dot is not part of the name  | see [[com.acme.billing]].
          prefix must start a word              | org.notcom.acme.x and xcom.acme.y
          word-ending prefix needs a boundary   | acme_internalx but [[acme_internal]] and [[acme_internal.db]]
          prefix alone                          | [[com.acme.]]
          """)
  void packagePrefixes_spanQualifiedName(String note, String marked) {
    Marked m = Marked.of(marked);

    assertEquals(m.spans(), Marked.spansOf(PREFIXES.scan(m.text())));
  }

  @Test
  void keywords_areLowercaseLiteralsPresentInEveryHit() {
    assertEquals(
        Set.of("confidential", "internal", "distribute", "bluebird", "c++"), MARKERS.keywords());
    assertThat(PREFIXES.keywords()).contains("com.acme.", "@acme/");
  }

  @Test
  void findings_carryIdsTypeFamilySeverity() {
    Finding f = MARKERS.scan("CONFIDENTIAL").get(0);

    assertEquals("trade-secret-marker", f.detectorId());
    assertEquals("confidential-marker", f.type());
    assertEquals(DetectorFamilies.TRADE_SECRET_MARKERS, f.family());
    assertEquals(Severity.MEDIUM, f.severity());
  }

  @Test
  void scan_overlappingLiterals_keepsLeftmostLongest() {
    PhraseDetector d =
        new PhraseDetector(
            "d", "t", "f", Severity.LOW, 0.5, List.of("project x", "x ray", "project"), false);

    assertEquals(List.of("0-9"), Marked.spansOf(d.scan("project x ray")));
  }

  @Test
  @org.junit.jupiter.api.Timeout(30)
  void scan_nestedPhrasesOnRepetitiveText_staysBounded() {
    List<String> nested = new java.util.ArrayList<>();
    for (int n = 2; n <= 100; n++) {
      nested.add("a".repeat(n));
      nested.add("a a".repeat(n / 2));
    }
    PhraseDetector d = new PhraseDetector("d", "t", "f", Severity.LOW, 0.5, nested, false);

    assertEquals(List.of(), d.scan("a".repeat(1_000_000) + "!"));
    assertThat(d.scan("a ".repeat(1_000_000))).hasSizeLessThanOrEqualTo(PhraseDetector.MAX_HITS);
  }

  @Test
  void scan_largeDictionary_isLinear() {
    List<String> words = new java.util.ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      words.add("customer" + i);
    }
    PhraseDetector d = new PhraseDetector("d", "t", "f", Severity.LOW, 0.5, words, false);
    String text = "customer".repeat(100_000) + " customer9999 ";

    assertEquals(1, d.scan(text).size());
  }
}
