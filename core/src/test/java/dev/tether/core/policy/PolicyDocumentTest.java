package dev.tether.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.json.JsonCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyDocumentTest {

  private static PolicyDocument withLifetime(String lifetime) {
    return new PolicyDocument("p", List.of(), List.of(), Map.of(), null, lifetime);
  }

  @Test
  void validated_fillsDefaults() {
    PolicyDocument doc = withLifetime(null).validated();

    assertEquals(ResponseMode.ALLOW, doc.defaultMode());
    assertEquals("PT168H", doc.bundleLifetime());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          prose duration     | 3 days | policy.bundleLifetime: expected ISO-8601 duration, got "3 days"
          too short          | PT1M   | policy.bundleLifetime: expected between
          too long           | P365D  | policy.bundleLifetime: expected between
          """)
  void validated_badLifetime_namesKey(String note, String lifetime, String message) {
    PolicyValidationException e =
        assertThrows(PolicyValidationException.class, () -> withLifetime(lifetime).validated());
    assertThat(e.getMessage()).startsWith(message);
  }

  @Test
  void validated_badBlockedHost_namesKey() {
    PolicyDocument doc =
        new PolicyDocument("p", List.of(), List.of("not a host!"), Map.of(), null, null);

    PolicyValidationException e = assertThrows(PolicyValidationException.class, doc::validated);
    assertThat(e.getMessage()).startsWith("policy.blockedHosts").contains("not a host!");
  }

  @Test
  void aiDestination_wildcard_matchesSubdomainsOnly() {
    AiDestination azure = new AiDestination("*.openai.azure.com", Provider.OPENAI);

    assertThat(azure.matches("acme.openai.azure.com")).isTrue();
    assertThat(azure.matches("ACME.OpenAI.Azure.com")).isTrue();
    assertThat(azure.matches("openai.azure.com")).isFalse();
    assertThat(azure.matches("evil-openai.azure.com")).isFalse();
  }

  @Test
  void modeForFamily_unlistedFamily_blocks() {
    PolicyDocument doc =
        new PolicyDocument(
            "p", List.of(), List.of(), Map.of("private-keys", ResponseMode.WARN), null, null);

    assertEquals(ResponseMode.WARN, doc.modeForFamily("private-keys"));
    assertEquals(ResponseMode.BLOCK, doc.modeForFamily("cloud-credentials"));
  }

  @Test
  void json_roundTrip_isStable() {
    PolicyDocument doc =
        new PolicyDocument(
                "p",
                List.of(new AiDestination("api.openai.com", Provider.OPENAI)),
                List.of("api.deepseek.com"),
                Map.of("private-keys", ResponseMode.BLOCK),
                ResponseMode.ALLOW,
                "P1D")
            .validated();

    byte[] json = JsonCodec.write(doc);

    assertEquals(doc, JsonCodec.read(json, PolicyDocument.class));
    assertThat(new String(json)).contains("\"host\":\"api.openai.com\"");
  }

  @Test
  void mostRestrictive_picksStricterMode() {
    assertEquals(ResponseMode.BLOCK, ResponseMode.WARN.mostRestrictive(ResponseMode.BLOCK));
    assertEquals(ResponseMode.WARN, ResponseMode.WARN.mostRestrictive(ResponseMode.ALLOW));
    // The enforcement order, not the declaration order: a redaction never outranks a hold.
    assertEquals(ResponseMode.COACH, ResponseMode.REDACT.mostRestrictive(ResponseMode.COACH));
    assertEquals(
        ResponseMode.REQUEST, ResponseMode.WATERMARK.mostRestrictive(ResponseMode.REQUEST));
  }
}
