package dev.tether.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.json.JsonCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseSettingsTest {

  private static PolicyDocument with(ResponseSettings responses) {
    return new PolicyDocument("p", List.of(), List.of(), Map.of(), null, null)
        .withResponses(responses);
  }

  @Test
  void default_isLeftOutOfTheJson_andHasDocumentedWindows() {
    PolicyDocument doc = with(null).validated();
    assertEquals(Duration.ofHours(1), doc.responses().coach());
    assertEquals(Duration.ofHours(8), doc.responses().approval());
    assertEquals(3, doc.responses().copies());
    assertEquals(true, doc.responses().restores());
    assertThat(JsonCodec.writeString(doc)).doesNotContain("responses");
  }

  @Test
  void validated_normalisesOverridesAndRoundTrips() {
    PolicyDocument doc =
        with(new ResponseSettings(
                List.of(
                    new ModeOverride(
                        "API.OpenAI.com", "AWS-Access-Key-Id", null, ResponseMode.REDACT),
                    new ModeOverride("*.corp.example", null, null, ResponseMode.WARN)),
                "PT30M",
                "P2D",
                5,
                false))
            .validated();
    ResponseSettings r = doc.responses();
    assertEquals(Duration.ofMinutes(30), r.coach());
    assertEquals(Duration.ofDays(2), r.approval());
    assertEquals(
        ResponseMode.REDACT, r.overrideFor("api.openai.com", List.of("aws-access-key-id"), null));
    assertNull(r.overrideFor("api.anthropic.com", List.of("aws-access-key-id"), null));
    assertEquals(ResponseMode.WARN, r.overrideFor("llm.corp.example", List.of(), "source-code"));
    PolicyDocument read = JsonCodec.read(JsonCodec.write(doc), PolicyDocument.class);
    assertEquals(doc, read.validated());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          prose coach window | 3 days | PT1H | 3  | policy.responses.coachWindow: expected ISO-8601 duration, got "3 days"
          coach too long     | P2D    | PT1H | 3  | policy.responses.coachWindow: expected between PT1M and PT24H
          approval too short | PT1H   | PT5S | 3  | policy.responses.approvalWindow: expected between PT1M and PT720H
          no copies          | PT1H   | PT1H | 0  | policy.responses.watermarkCopies: expected 1 to 16, got 0
          """)
  void validated_badValue_namesKey(
      String note, String coach, String approval, int copies, String message) {
    PolicyValidationException e =
        assertThrows(
            PolicyValidationException.class,
            () -> with(new ResponseSettings(null, coach, approval, copies, null)).validated());
    assertThat(e.getMessage()).startsWith(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no criterion  | -              | -        | BLOCK | policy.responses.overrides[0]: expected at least one of
          no mode       | api.openai.com | -        | -     | policy.responses.overrides[0].mode: required
          bad host      | not a host     | -        | WARN  | policy.responses.overrides[0].destination
          bad detector  | -              | a b      | WARN  | policy.responses.overrides[0].detector: expected an id
          """)
  void validated_badOverride_namesKey(
      String note, String host, String detector, String mode, String message) {
    ModeOverride o =
        new ModeOverride(
            host.equals("-") ? null : host,
            detector.equals("-") ? null : detector,
            null,
            mode.equals("-") ? null : ResponseMode.valueOf(mode));
    PolicyValidationException e =
        assertThrows(
            PolicyValidationException.class,
            () -> with(new ResponseSettings(List.of(o), null, null, null, null)).validated());
    assertThat(e.getMessage()).startsWith(message);
  }
}
