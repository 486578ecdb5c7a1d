package dev.tether.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.rules.credentials.CredentialDetectors;
import dev.tether.core.rules.eval.CorpusBuilder;
import dev.tether.core.rules.eval.Sample;
import dev.tether.core.rules.personal.PersonalDataDetectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Detectors that take the prefilter's keyword positions ({@link Detector#usesKeywordStarts()}) must
 * report exactly what they report from their own pass: the standard engine is compared with one
 * over the same detectors hidden behind wrappers that only offer {@link
 * Detector#scan(CharSequence)}, on the corpus, the corpus in chat-request bodies and random text
 * dense in context words and digits.
 */
class KeywordStartsEquivalenceTest {
  private static RuleEngine withStarts;
  private static RuleEngine withoutStarts;
  private static List<Sample> corpus;

  @BeforeAll
  static void setUp() {
    List<Detector> detectors = new ArrayList<>(CredentialDetectors.all());
    detectors.addAll(PersonalDataDetectors.all());
    // The phone detector and every keyword-anchored credential detector take the positions.
    assertTrue(detectors.stream().filter(Detector::usesKeywordStarts).count() > 100);
    withStarts = RuleEngine.of(detectors);
    withoutStarts =
        RuleEngine.of(detectors.stream().map(KeywordStartsEquivalenceTest::plain).toList());
    corpus = CorpusBuilder.standard().build();
  }

  private static Detector plain(Detector d) {
    return new Detector() {
      @Override
      public String family() {
        return d.family();
      }

      @Override
      public Set<String> keywords() {
        return d.keywords();
      }

      @Override
      public List<Finding> scan(CharSequence text) {
        return d.scan(text);
      }
    };
  }

  @Test
  void sameFindingsOnTheCorpus() {
    int findings = 0;
    for (Sample s : corpus) {
      List<Finding> expected = withoutStarts.scan(s.text());
      assertEquals(expected, withStarts.scan(s.text()), s.id());
      String body = JsonViewEquivalenceTest.chatBody(s.text());
      assertEquals(withoutStarts.scan(body), withStarts.scan(body), s.id() + " in a body");
      findings += expected.size();
    }
    assertTrue(findings > 0);
  }

  @Test
  void sameFindingsOnRandomTextWithContextWordsAndNumbers() {
    String[] pieces = {
      "phone",
      "Phone:",
      "TEL",
      "tel.",
      "hotel",
      "call",
      "recall",
      "Contact",
      "mobile",
      "cellphone",
      "sms",
      "fax",
      "mob",
      "whatsapp",
      "telefonnummer",
      "+",
      "+44 20 7946 0958",
      "(212) 555-0143",
      "415 555 0199",
      "020 7946 0958",
      "07700 900123",
      "order 4155550199",
      " ",
      "\n",
      ", ",
      "-",
      "_",
      "x",
      "2026-03-14",
      "ref",
      "212",
      "5550143",
      "phoneNumber",
      "callCenter"
    };
    Random random = new Random(11);
    int phones = 0;
    for (int t = 0; t < 400; t++) {
      StringBuilder text = new StringBuilder();
      int parts = 5 + random.nextInt(t < 300 ? 40 : 4000);
      for (int p = 0; p < parts; p++) {
        text.append(pieces[random.nextInt(pieces.length)]);
        if (random.nextBoolean()) {
          text.append(' ');
        }
      }
      String s = text.toString();
      List<Finding> expected = withoutStarts.scan(s);
      assertEquals(expected, withStarts.scan(s), s);
      phones += (int) expected.stream().filter(f -> f.type().equals("phone-number")).count();
    }
    assertTrue(phones > 100, phones + " phone findings");
  }
}
