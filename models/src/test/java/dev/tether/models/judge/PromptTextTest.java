package dev.tether.models.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromptTextTest {
  static List<Arguments> bodies() {
    return List.of(
        Arguments.of("plain text stays as it is", "fix my code please", "fix my code please"),
        Arguments.of(
            "OpenAI chat: user and system kept, assistant dropped",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"assistant\",\"content\":\"earlier answer\"},"
                + "{\"content\":\"my question\",\"role\":\"user\"}]}",
            "be brief\nmy question\n"),
        Arguments.of(
            "Anthropic content blocks",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                + "{\"type\":\"text\",\"text\":\"b\"}]}],\"max_tokens\":10}",
            "a\nb\n"),
        Arguments.of(
            "Gemini parts, model turn dropped",
            "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q1\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"text\":\"r1\"}]}]}",
            "q1\n"),
        Arguments.of(
            "completion prompt array", "{\"prompt\":[\"one\",\"two\"],\"n\":1}", "one\ntwo\n"),
        Arguments.of("broken JSON judged as text", "{\"messages\": [", "{\"messages\": ["));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void extract(String note, String body, String expected) {
    assertEquals(expected, PromptText.extract(body), note);
  }
}
