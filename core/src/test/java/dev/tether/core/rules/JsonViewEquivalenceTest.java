package dev.tether.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.tether.core.rules.eval.CorpusBuilder;
import dev.tether.core.rules.eval.Sample;
import dev.tether.core.rules.internal.JsonEscapes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine skips the detectors on a view that has a JSON-unescaped child (the child covers the
 * whole view with an exact offset map). This compares it with the engine that scans both views, on
 * every corpus sample as it is, wrapped in an OpenAI-style chat-request body (content escaped
 * once), escaped twice (a JSON document inside a JSON string), and several samples in one body: the
 * findings must be the same, with the same spans, types, severities and confidences.
 */
class JsonViewEquivalenceTest {
  private static RuleEngine current;
  private static RuleEngine both;
  private static List<Sample> corpus;

  @BeforeAll
  static void setUp() {
    current = RuleEngine.standard();
    both = current.scanningEscapedViews();
    corpus = CorpusBuilder.standard().build();
  }

  @Test
  void sameFindingsOnTheCorpusAsItIs() {
    assertSame(texts(corpus, 0));
  }

  @Test
  void sameFindingsOnTheCorpusInChatRequestBodies() {
    List<String> texts = texts(corpus, 1);
    assertSame(texts);
    // The comparison means something only if most bodies take the path that skips the raw view.
    long skipped = texts.stream().filter(JsonEscapes::onlySeparatorEscapes).count();
    assertTrue(skipped * 10 >= texts.size() * 9, skipped + " of " + texts.size() + " skipped");
  }

  @Test
  void sameFindingsOnTheCorpusEscapedTwice() {
    assertSame(texts(corpus, 2));
  }

  @Test
  void sameFindingsWithManySamplesInOneBody() {
    List<String> texts = new ArrayList<>();
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < corpus.size(); i++) {
      joined.append(corpus.get(i).text()).append("\n\n");
      if (i % 25 == 24 || i == corpus.size() - 1) {
        texts.add(chatBody(joined.toString()));
        joined.setLength(0);
      }
    }
    assertSame(texts);
  }

  @Test
  void sameFindingsOnEngineTestTexts() {
    List<String> texts =
        List.of(
            "{\"password\": \"hunter2-Xq9\\\\nrest\"}",
            "{\"content\":\"key AKIAQ3EGT5ZRWJ7LUN4F\\nbob@corp.io\\n\\nThanks!\"}",
            "C:\\\\Users\\\\bob\\\\token=ghp_abc and \\u0070assword=Sup3rS3cret!x",
            "path\\nghp_xxx \\\"AKIAQ3EGT5ZRWJ7LUN4F\\\" \\/ \\\\n",
            "{\"a\":\"\\\"{\\\\\\\"password\\\\\\\": \\\\\\\"hunter2Xq9zz\\\\\\\"}\\\"\"}");
    assertSame(texts);
  }

  private static void assertSame(List<String> texts) {
    int withFindings = 0;
    for (String text : texts) {
      List<Finding> expected = both.scan(text);
      List<Finding> actual = current.scan(text);
      if (!expected.equals(actual)) {
        assertEquals(expected, actual, "findings differ on: " + excerpt(text));
      }
      withFindings += expected.isEmpty() ? 0 : 1;
    }
    assertTrue(texts.isEmpty() || withFindings > 0 || texts.size() < 10, "no findings at all");
  }

  private static List<String> texts(List<Sample> samples, int escapes) {
    List<String> texts = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      String text = s.text();
      for (int i = 0; i < escapes; i++) {
        text = chatBody(text);
      }
      texts.add(text);
    }
    return texts;
  }

  static String chatBody(String content) {
    return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + new String(JsonStringEncoder.getInstance().quoteAsString(content))
        + "\"}]}";
  }

  private static String excerpt(String text) {
    return text.length() <= 400 ? text : text.substring(0, 400) + "...";
  }
}
