package dev.tether.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("no findings: text unchanged", "plain text", List.of(), "plain text"),
        Arguments.of(
            "same value twice gets the same placeholder, a new value the next number",
            "k1=SECRETA k2=SECRETA k3=SECRETB",
            List.of(
                f("api-key", Severity.HIGH, 3, 10),
                f("api-key", Severity.HIGH, 14, 21),
                f("api-key", Severity.HIGH, 25, 32)),
            "k1=[API_KEY_1] k2=[API_KEY_1] k3=[API_KEY_2]"),
        Arguments.of(
            "numbers count per type",
            "a@b.io 4111 c@d.io",
            List.of(
                f("email", Severity.LOW, 0, 6),
                f("payment-card", Severity.CRITICAL, 7, 11),
                f("email", Severity.LOW, 12, 18)),
            "[EMAIL_1] [PAYMENT_CARD_1] [EMAIL_2]"),
        Arguments.of(
            "nested overlap: the more severe finding names the merged region",
            "url=https://bob:hunter2@db.internal/x end",
            List.of(
                f("email", Severity.LOW, 12, 34), f("password-in-url", Severity.CRITICAL, 4, 37)),
            "url=[PASSWORD_IN_URL_1] end"),
        Arguments.of(
            "partial overlap merges to the union",
            "0123456789",
            List.of(f("aaa", Severity.MEDIUM, 1, 5), f("bbb", Severity.HIGH, 3, 8)),
            "0[BBB_1]89"),
        Arguments.of(
            "equal severity: the higher confidence wins",
            "xxSECRETxx",
            List.of(
                new Finding("d1", "low-conf", "f", Severity.HIGH, 0.4, 2, 8),
                new Finding("d2", "high-conf", "f", Severity.HIGH, 0.9, 2, 8)),
            "xx[HIGH_CONF_1]xx"),
        Arguments.of(
            "span starting inside a JSON escape widens to the whole escape",
            "{\"c\":\"hi\\nbob@corp.io\"}",
            List.of(f("email", Severity.LOW, 9, 21)),
            "{\"c\":\"hi[EMAIL_1]\"}"),
        Arguments.of(
            "span ending inside a unicode escape widens to its end",
            "{\"c\":\"ab\\u0041\"}",
            List.of(f("secret", Severity.LOW, 6, 10)),
            "{\"c\":\"[SECRET_1]\"}"),
        Arguments.of(
            "an escaped backslash is not an escape introducer for what follows",
            "{\"c\":\"a\\\\nSECRET\"}",
            List.of(f("secret", Severity.LOW, 10, 16)),
            "{\"c\":\"a\\\\n[SECRET_1]\"}"),
        Arguments.of(
            "zero-length findings are ignored", "abc", List.of(f("x", Severity.LOW, 1, 1)), "abc"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void redact_table(String note, String text, List<Finding> findings, String expected) {
    List<Finding> reversed = new ArrayList<>(findings);
    java.util.Collections.reverse(reversed);
    assertEquals(expected, Redactor.redact(text, findings).text(), note);
    assertEquals(expected, Redactor.redact(text, reversed).text(), note + " (any order)");
  }

  @Test
  void redact_jsonChatBodyWithRealFindings_staysValidJsonAndHidesTheValues() throws Exception {
    String body =
        "{\"messages\":[{\"role\":\"user\",\"content\":\"deploy with key\\n"
            + RuleEngineTest.AWS_KEY
            + " and again \\\""
            + RuleEngineTest.AWS_KEY
            + "\\\"\\n-----BEGIN PRIVATE KEY-----\\n"
            + RuleEngineTest.PEM_BODY
            + "\\n-----END PRIVATE KEY-----\"}]}";
    List<Finding> findings = RuleEngine.standard().scan(body);
    Redaction redaction = Redactor.redact(body, findings);

    JSON.readTree(redaction.text()); // throws if not valid JSON
    assertFalse(redaction.text().contains(RuleEngineTest.AWS_KEY));
    assertFalse(redaction.text().contains(RuleEngineTest.PEM_BODY.substring(0, 40)));
    assertEquals(List.of("[AWS_ACCESS_KEY_1]", "[PRIVATE_KEY_1]"), redaction.placeholders());
    assertEquals(RuleEngineTest.AWS_KEY, redaction.originalOf("[AWS_ACCESS_KEY_1]"));
    assertEquals(body, redaction.restore(redaction.text()));
  }

  @Test
  void restore_leavesUnknownBracketsAlone() {
    Redaction redaction =
        Redactor.redact("token SECRETA", List.of(f("api-key", Severity.HIGH, 6, 13)));
    assertEquals(
        "use SECRETA, not [API_KEY_2] or [x]",
        redaction.restore("use [API_KEY_1], not [API_KEY_2] or [x]"));
  }

  @Test
  void toString_neverShowsValues() {
    Redaction redaction =
        Redactor.redact("token SECRETA", List.of(f("api-key", Severity.HIGH, 6, 13)));
    assertFalse(redaction.toString().contains("SECRETA"));
    assertTrue(redaction.toString().contains("[API_KEY_1]"));
  }

  @Test
  void redact_findingBeyondText_throws() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Redactor.redact("abc", List.of(f("x", Severity.LOW, 1, 9))));
  }

  static Finding f(String type, Severity severity, int start, int end) {
    return new Finding("d-" + type, type, "test-family", severity, 0.8, start, end);
  }
}
