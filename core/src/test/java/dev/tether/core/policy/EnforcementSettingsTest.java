package dev.tether.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.json.JsonCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnforcementSettingsTest {

  private static PolicyDocument with(EnforcementSettings enforcement) {
    return new PolicyDocument("p", List.of(), List.of(), Map.of(), null, null)
        .withEnforcement(enforcement);
  }

  @Test
  void default_blocksAllAiEgressAfterThreeDays_andIsLeftOutOfTheJson() {
    PolicyDocument doc = with(null).validated();

    assertEquals(Duration.ofHours(72), doc.enforcement().grace());
    assertTrue(doc.enforcement().fallbackBlocksAll());
    assertFalse(doc.enforcement().fallbackAllows("api.openai.com"));
    assertThat(JsonCodec.writeString(doc)).doesNotContain("enforcement");
  }

  @Test
  void validated_normalisesAndRoundTrips() {
    PolicyDocument doc =
        with(new EnforcementSettings("P1D", List.of("LLM.Corp.Example", "*.gateway.example")))
            .validated();

    assertEquals(Duration.ofDays(1), doc.enforcement().grace());
    assertEquals(
        List.of("llm.corp.example", "*.gateway.example"), doc.enforcement().fallbackAllowedHosts());
    assertTrue(doc.enforcement().fallbackAllows("EU.gateway.example"));
    assertFalse(doc.enforcement().fallbackAllows("api.openai.com"));
    PolicyDocument read = JsonCodec.read(JsonCodec.write(doc), PolicyDocument.class);
    assertEquals(doc, read.validated());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          prose duration | 3 days | policy.enforcement.gracePeriod: expected ISO-8601 duration, got "3 days"
          negative       | -PT1H  | policy.enforcement.gracePeriod: expected between PT0S and
          too long       | P60D   | policy.enforcement.gracePeriod: expected between PT0S and
          """)
  void validated_badGracePeriod_namesKey(String note, String grace, String message) {
    PolicyValidationException e =
        assertThrows(
            PolicyValidationException.class,
            () -> with(new EnforcementSettings(grace, null)).validated());
    assertThat(e.getMessage()).startsWith(message);
  }

  @Test
  void validated_badFallbackHost_namesKey() {
    PolicyValidationException e =
        assertThrows(
            PolicyValidationException.class,
            () -> with(new EnforcementSettings(null, List.of("not a host"))).validated());
    assertThat(e.getMessage()).startsWith("policy.enforcement.fallbackAllowedHosts");
  }
}
