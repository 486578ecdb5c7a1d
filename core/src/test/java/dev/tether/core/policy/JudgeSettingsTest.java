package dev.tether.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.json.JsonCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JudgeSettingsTest {

  @Test
  void defaults_whenSectionAbsent() {
    JudgeSettings s = JudgeSettings.DEFAULT.validated("policy.judge");
    assertTrue(s.definesNothing());
    assertTrue(s.effectiveEnabled());
    assertTrue(s.escalationAllowed());
    assertFalse(s.effectiveAirGap());
    assertEquals(0.8, s.effectiveEscalationThreshold());
    assertEquals(JudgeSettings.DEFAULT_TIMEOUT_MILLIS, s.effectiveTimeoutMillis());
    assertEquals(ResponseMode.ALLOW, s.modeFor("public-reference-lookup"));
    assertEquals(ResponseMode.BLOCK, s.modeFor("policy-circumvention"));
    // Fail-safe default: the stricter of the local judge's mode and COACH.
    assertEquals(ResponseMode.COACH, s.failSafeFor(ResponseMode.ALLOW));
    assertEquals(ResponseMode.BLOCK, s.failSafeFor(ResponseMode.BLOCK));
    assertEquals(ResponseMode.REQUEST, s.failSafeFor(ResponseMode.REQUEST));
    assertEquals(ResponseMode.COACH, s.failSafeFor(ResponseMode.REDACT)); // REDACT forwards
  }

  @Test
  void airGap_forbidsEscalationEvenWhenCloudJudgeOn() {
    JudgeSettings s = new JudgeSettings(null, null, null, true, null, null, true);
    assertFalse(s.validated("policy.judge").escalationAllowed());
    assertFalse(new JudgeSettings(null, null, null, false, null, null, null).escalationAllowed());
  }

  @Test
  void defaultThreshold_dependsOnWhetherTheCloudJudgeCanAnswer() {
    JudgeSettings airGap = new JudgeSettings(null, null, null, null, null, null, true);
    JudgeSettings cloudOff = new JudgeSettings(null, null, null, false, null, null, null);
    JudgeSettings cloudOn = new JudgeSettings(null, null, null, true, null, null, false);
    assertEquals(0.6, airGap.effectiveEscalationThreshold());
    assertEquals(0.6, cloudOff.effectiveEscalationThreshold());
    assertEquals(0.8, cloudOn.effectiveEscalationThreshold());
    // An explicit threshold wins in every case.
    assertEquals(
        0.7,
        new JudgeSettings(null, null, 0.7, false, null, null, true).effectiveEscalationThreshold());
    assertEquals(
        0.55,
        new JudgeSettings(null, null, 0.55, true, null, null, null).effectiveEscalationThreshold());
  }

  @Test
  void modes_overrideOnlyListedLabels() {
    JudgeSettings s =
        new JudgeSettings(
            null,
            Map.of("generic-code-assistance", ResponseMode.WARN),
            null,
            null,
            null,
            null,
            null);
    assertEquals(ResponseMode.WARN, s.modeFor("generic-code-assistance"));
    assertEquals(ResponseMode.COACH, s.modeFor("proprietary-code-disclosure"));
  }

  @Test
  void defaultSection_isOmittedFromCanonicalJson() {
    PolicyDocument doc = new PolicyDocument("p", null, null, null, null, null, null).validated();
    assertFalse(JsonCodec.writeString(doc).contains("judge"));
    PolicyDocument withJudge =
        doc.withJudge(new JudgeSettings(null, null, 0.7, null, null, null, true)).validated();
    String json = JsonCodec.writeString(withJudge);
    assertTrue(json.contains("\"judge\":{\"airGap\":true,\"escalationThreshold\":0.7}"), json);
    assertEquals(withJudge, JsonCodec.read(json, PolicyDocument.class).validated());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown label | {\"modes\":{\"chit-chat\":\"ALLOW\"}} | policy.judge.modes: expected an"
            + " intent label",
        "threshold above 1 | {\"escalationThreshold\":1.5} | policy.judge.escalationThreshold:"
            + " expected 0..1, got 1.5",
        "negative threshold | {\"escalationThreshold\":-0.1} | policy.judge.escalationThreshold",
        "timeout too short | {\"timeoutMillis\":10} | policy.judge.timeoutMillis: expected"
            + " 50..30000, got 10",
        "timeout too long | {\"timeoutMillis\":60000} | policy.judge.timeoutMillis",
        "fail-safe allow | {\"failSafe\":\"ALLOW\"} | policy.judge.failSafe",
      })
  void validated_rejectsNonsense_namingTheKey(String note, String section, String message) {
    String json = "{\"name\":\"p\",\"judge\":" + section + "}";
    PolicyValidationException e =
        assertThrows(
            PolicyValidationException.class,
            () -> JsonCodec.read(json, PolicyDocument.class).validated(),
            note);
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}
