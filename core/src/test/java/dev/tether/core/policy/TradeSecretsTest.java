package dev.tether.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.json.JsonCodec;
import dev.tether.core.rules.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TradeSecretsTest {
  private static final String FP = "0123456789abcdef";

  static TradeSecrets sample() {
    return new TradeSecrets(
        List.of("CONFIDENTIAL", "Do not  distribute"),
        List.of("Corp.Acme.com"),
        List.of("com.acme.", "@acme/"),
        List.of("Bluebird"),
        List.of(new Dictionary("customers", List.of("Initech", "Globex Corporation"))),
        List.of(new ProtectedCode("billing-service", "00ff", List.of(FP), null, null)),
        List.of(
            new CustomRule("ticket-id", "Jira tickets", "ACME-[0-9]{3,}", null, List.of("ACME-"))));
  }

  static PolicyDocument policy(TradeSecrets section) {
    return new PolicyDocument("p", List.of(), List.of(), Map.of(), null, null, section);
  }

  @Test
  void json_roundTrip_withTradeSecrets_isStable() {
    PolicyDocument doc = policy(sample()).validated();

    byte[] json = JsonCodec.write(doc);

    assertEquals(doc, JsonCodec.read(json, PolicyDocument.class));
    assertThat(new String(json))
        .contains("\"internalDomains\":[\"corp.acme.com\"]")
        .contains("\"markers\":[\"CONFIDENTIAL\",\"Do not distribute\"]")
        .contains("\"minMatchShare\":0.3")
        .contains("\"severity\":\"HIGH\"")
        .contains("\"keywords\":[\"acme-\"]");
  }

  @Test
  void json_withoutSection_keepsCanonicalBytesOfOlderDocuments() {
    PolicyDocument old = new PolicyDocument("p", List.of(), List.of(), Map.of(), null, "P1D");

    String json = JsonCodec.writeString(old.validated());

    assertThat(json).doesNotContain("tradeSecrets");
    assertEquals(TradeSecrets.NONE, JsonCodec.read(json, PolicyDocument.class).tradeSecrets());
  }

  @Test
  void json_partialSection_absentListsAreEmpty() {
    String json = "{\"name\":\"p\",\"tradeSecrets\":{\"codeNames\":[\"Bluebird\"]}}";

    PolicyDocument doc = JsonCodec.read(json, PolicyDocument.class).validated();

    assertEquals(List.of("Bluebird"), doc.tradeSecrets().codeNames());
    assertEquals(List.of(), doc.tradeSecrets().customRules());
  }

  @Test
  void json_unknownKeyInSection_isRejected() {
    String json = "{\"name\":\"p\",\"tradeSecrets\":{\"secretz\":[]}}";

    assertThrows(RuntimeException.class, () -> JsonCodec.read(json, PolicyDocument.class));
  }

  @Test
  void sixArgumentConstructor_stillWorks() {
    PolicyDocument doc = new PolicyDocument("p", List.of(), List.of(), Map.of(), null, null);

    assertEquals(TradeSecrets.NONE, doc.validated().tradeSecrets());
  }

  @Test
  void validated_fillsDefaults() {
    TradeSecrets checked = sample().validated("t");

    assertEquals(0.3, checked.protectedCode().get(0).minMatchShare());
    assertEquals(8, checked.protectedCode().get(0).minMatches());
    assertEquals(Severity.HIGH, checked.customRules().get(0).severity());
  }

  static List<Arguments> invalidSections() {
    return List.of(
        Arguments.of(
            "regex that does not compile",
            rules(rule("bad", "ACME-(\\d+")),
            "policy.tradeSecrets.customRules[0].pattern: does not compile"),
        Arguments.of(
            "regex matching the empty string",
            rules(rule("ok", "ACME-\\d+"), rule("empty", "x*")),
            "policy.tradeSecrets.customRules[1].pattern: matches the empty string"),
        Arguments.of(
            "word boundary alone matches empty",
            rules(rule("edge", "\\b")),
            "policy.tradeSecrets.customRules[0].pattern: matches the empty string"),
        Arguments.of(
            "dot-star",
            rules(rule("all", ".+")),
            "policy.tradeSecrets.customRules[0].pattern: too broad"),
        Arguments.of(
            "any word",
            rules(rule("words", "\\w+")),
            "policy.tradeSecrets.customRules[0].pattern: too broad"),
        Arguments.of(
            "any number fires in most snippets",
            rules(rule("digits", "[a-z]")),
            "policy.tradeSecrets.customRules[0].pattern: too broad"),
        Arguments.of(
            "nested counted repetition would exhaust memory",
            rules(rule("huge", "((a{100}){100}){100}")),
            "policy.tradeSecrets.customRules[0].pattern: too large once repetitions"),
        Arguments.of(
            "pattern too long",
            rules(rule("long", "a".repeat(1001))),
            "policy.tradeSecrets.customRules[0].pattern: expected 1 to 1000 characters"),
        Arguments.of(
            "too many rules",
            rules(Collections.nCopies(201, rule("r", "ACME-\\d+")).toArray(CustomRule[]::new)),
            "policy.tradeSecrets.customRules: at most 200 entries allowed, got 201"),
        Arguments.of(
            "duplicate rule id",
            rules(rule("r", "ACME-\\d+"), rule("r", "ACME-X\\d+")),
            "policy.tradeSecrets.customRules[1].id: duplicate \"r\""),
        Arguments.of(
            "rule id not kebab",
            rules(rule("Ticket ID", "ACME-\\d+")),
            "policy.tradeSecrets.customRules[0].id: expected a lowercase id"),
        Arguments.of(
            "bad fingerprint hex",
            code(new ProtectedCode("repo", "", List.of(FP, "xyz"), null, null)),
            "policy.tradeSecrets.protectedCode[0].fingerprints[1]: expected 16 hex digits, got"
                + " \"xyz\""),
        Arguments.of(
            "fingerprint of wrong length",
            code(new ProtectedCode("repo", "", List.of("abc"), null, null)),
            "policy.tradeSecrets.protectedCode[0].fingerprints[0]: expected 16 hex digits"),
        Arguments.of(
            "non-ASCII digits are not hex",
            code(new ProtectedCode("repo", "", List.of("٠١٢٣٤٥٦٧٨٩abcdef"), null, null)),
            "policy.tradeSecrets.protectedCode[0].fingerprints[0]: expected 16 hex digits"),
        Arguments.of(
            "share out of range",
            code(new ProtectedCode("repo", "", List.of(FP), 1.5, null)),
            "policy.tradeSecrets.protectedCode[0].minMatchShare: expected a share in (0, 1]"),
        Arguments.of(
            "salt not hex",
            code(new ProtectedCode("repo", "salt!", List.of(FP), null, null)),
            "policy.tradeSecrets.protectedCode[0].salt: expected at most 64 hex digits"),
        Arguments.of(
            "too many fingerprints",
            code(new ProtectedCode("repo", "", fingerprints(100_001), null, null)),
            "policy.tradeSecrets.protectedCode[0].fingerprints: at most 100000 entries"),
        Arguments.of(
            "marker too short",
            new TradeSecrets(List.of("ok marker", "x"), null, null, null, null, null, null),
            "policy.tradeSecrets.markers[1]: expected 2 to 200 characters, got \"x\""),
        Arguments.of(
            "null marker",
            new TradeSecrets(nullList(), null, null, null, null, null, null),
            "policy.tradeSecrets.markers[0]: expected 2 to 200 characters, got null"),
        Arguments.of(
            "too many markers",
            new TradeSecrets(numbered("m", 1001), null, null, null, null, null, null),
            "policy.tradeSecrets.markers: at most 1000 entries allowed, got 1001"),
        Arguments.of(
            "wildcard domain",
            new TradeSecrets(null, List.of("*.acme.com"), null, null, null, null, null),
            "policy.tradeSecrets.internalDomains[0]: write the domain without \"*.\""),
        Arguments.of(
            "domain without a dot",
            new TradeSecrets(null, List.of("intranet"), null, null, null, null, null),
            "policy.tradeSecrets.internalDomains[0]: expected a domain with at least one dot"),
        Arguments.of(
            "package prefix with a space",
            new TradeSecrets(null, null, List.of("com. acme"), null, null, null, null),
            "policy.tradeSecrets.packagePrefixes[0]: expected no spaces"),
        Arguments.of(
            "dictionary without words",
            new TradeSecrets(
                null, null, null, null, List.of(new Dictionary("x", List.of())), null, null),
            "policy.tradeSecrets.dictionaries[0].words: expected at least one word"),
        Arguments.of(
            "dictionary name not an id",
            new TradeSecrets(
                null,
                null,
                null,
                null,
                List.of(new Dictionary("My List", List.of("aa"))),
                null,
                null),
            "policy.tradeSecrets.dictionaries[0].name: expected a lowercase id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSections")
  void validated_invalidSection_namesKeyAndIndex(
      String note, TradeSecrets section, String message) {
    PolicyValidationException e =
        assertThrows(PolicyValidationException.class, () -> policy(section).validated());

    assertThat(e.getMessage()).startsWith(message);
  }

  @Test
  void warnings_broadRuleAndMissingKeyword_areReportedWithoutRejecting() {
    PolicyDocument doc =
        policy(rules(rule("dates", "\\d{4}-\\d{2}-\\d{2}"), rule("acme", "ACME-\\d+", "tkt")))
            .validated();

    assertThat(doc.warnings())
        .anySatisfy(w -> assertThat(w).startsWith("policy.tradeSecrets.customRules[0].keywords"))
        .anySatisfy(
            w -> assertThat(w).startsWith("policy.tradeSecrets.customRules[1].keywords[0]"));
  }

  private static CustomRule rule(String id, String pattern, String... keywords) {
    return new CustomRule(id, null, pattern, Severity.HIGH, List.of(keywords));
  }

  private static TradeSecrets rules(CustomRule... rules) {
    return new TradeSecrets(null, null, null, null, null, null, List.of(rules));
  }

  private static TradeSecrets code(ProtectedCode set) {
    return new TradeSecrets(null, null, null, null, null, List.of(set), null);
  }

  private static List<String> fingerprints(int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(String.format("%016x", i));
    }
    return out;
  }

  private static List<String> numbered(String prefix, int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(prefix + i);
    }
    return out;
  }

  private static List<String> nullList() {
    List<String> list = new ArrayList<>();
    list.add(null);
    return list;
  }
}
