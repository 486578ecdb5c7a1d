package dev.tether.core.rules.tradesecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ProtectedCode;
import dev.tether.core.policy.TradeSecrets;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProtectedCodeDetectorTest {
  private static final String JAVA = resource("InvoiceCalculator.java.txt");
  private static final String PYTHON = resource("risk_score.py.txt");
  private static final String UNRELATED = resource("Unrelated.java.txt");
  private static final ProtectedCode BILLING =
      ProtectedCodeFingerprinter.register("billing", List.of(JAVA, PYTHON));
  private static final Detector DETECTOR = detectorFor(BILLING);

  /** tieredAmount() re-indented, comments rewritten, blank lines moved, braces reflowed. */
  private static final String COPIED_JAVA =
      """
      Can you make this faster? It is slow for big accounts.

      public BigDecimal tieredAmount(long units, List<Tier> tiers)
      {
          BigDecimal total = BigDecimal.ZERO;   // running sum
          long remaining = units;
          long previousCeiling = 0;
          for (Tier tier : tiers) {
              if (remaining <= 0) { break; }
              long span = Math.min(remaining, tier.ceiling() - previousCeiling);
              total = total.add(tier.unitPrice().multiply(BigDecimal.valueOf(span)));
              remaining -= span;
              previousCeiling = tier.ceiling();
          }
          if (remaining > 0) {
              /* bill the rest at the overage rate */
              Tier last = tiers.get(tiers.size() - 1);
              BigDecimal overage = last.unitPrice().multiply(BigDecimal.valueOf(137)).divide(HUNDRED);
              total = total.add(overage.multiply(BigDecimal.valueOf(remaining)));
          }
          return total.setScale(2, RoundingMode.HALF_EVEN);
      }
      """;

  /** risk_score() and geo_mismatch() with different comments and spacing. */
  private static final String COPIED_PYTHON =
      """
      why does this return nan sometimes?

      def geo_mismatch(card_country, ip_country, shipping_country):
          score = 0.0
          if card_country != ip_country:   # mismatch
              score += 0.22
          if shipping_country != card_country:
              score += 0.11
          if ip_country in HIGH_RISK_COUNTRIES:
              score += 0.31
          return score

      def risk_score(payment, history):
          signals = [
              Signal("velocity", velocity_penalty(history.attempts_last(VELOCITY_WINDOW_MINUTES)), 1.4),
              Signal("geo", geo_mismatch(payment.card_country, payment.ip_country, payment.ship_to), 1.1),
              Signal("amount", min(payment.amount / max(history.median_amount, 1.0), 5.0) / 5.0, 0.8),
          ]
          raw = sum(s.value * s.weight for s in signals)
          return 1.0 / (1.0 + math.exp(-4.2 * (raw - 0.9)))
      """;

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("copied Java method, reformatted, new comments", s(() -> COPIED_JAVA), true),
        Arguments.of("copied Python functions, new comments", s(() -> COPIED_PYTHON), true),
        Arguments.of(
            "copied method commented out line by line to slip past",
            s(() -> COPIED_JAVA.lines().map(l -> "// " + l).reduce("", (a, b) -> a + b + "\n")),
            true),
        Arguments.of(
            "copied method inside a JSON chat request (escaped)",
            s(
                () ->
                    "{\"messages\":[{\"role\":\"user\",\"content\":\""
                        + jsonEscape(COPIED_JAVA)
                        + "\"}]}"),
            true),
        Arguments.of(
            "copied method padded with a lot of unrelated text",
            s(
                () ->
                    UNRELATED.repeat(5)
                        + "Lorem ipsum dolor sit amet. ".repeat(2000)
                        + COPIED_JAVA),
            true),
        Arguments.of(
            "whole registered file, upper-cased", s(() -> JAVA.toUpperCase(Locale.ROOT)), true),
        Arguments.of("unrelated Java file", s(() -> UNRELATED), false),
        Arguments.of(
            "ordinary prose",
            s(() -> "Please summarise the meeting notes and list the open questions. ".repeat(50)),
            false),
        Arguments.of(
            "the same imports as the registered file only",
            s(
                () ->
                    "import java.math.BigDecimal;\nimport java.util.List;\nimport java.util.Map;\n"),
            false),
        Arguments.of("empty request", s(() -> ""), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void scan_request_detectsCopiedCodeOnly(String note, Supplier<String> request, boolean expected) {
    String text = request.get();

    List<Finding> findings = DETECTOR.scan(text);

    assertEquals(expected, !findings.isEmpty(), () -> note + ": " + findings);
    for (Finding f : findings) {
      assertEquals("protected-code-billing", f.detectorId());
      assertEquals("protected-source", f.type());
      assertEquals(DetectorFamilies.PROTECTED_SOURCE_CODE, f.family());
      assertThat(f.confidence()).isBetween(BILLING.minMatchShare(), 1.0);
      assertThat(f.end()).isLessThanOrEqualTo(text.length());
    }
  }

  @Test
  void scan_copiedMethod_spanCoversTheCodeNotTheProse() {
    Finding f = DETECTOR.scan(COPIED_JAVA).get(0);

    int code = COPIED_JAVA.indexOf("public BigDecimal");
    assertThat(f.start()).isBetween(code, code + 60);
    assertThat(f.end()).isBetween(COPIED_JAVA.lastIndexOf("return"), COPIED_JAVA.length());
    assertThat(f.confidence()).isGreaterThan(0.5);
  }

  @Test
  void fingerprints_neverContainSourceText() {
    String json = JsonCodec.writeString(BILLING).toLowerCase(Locale.ROOT);

    assertThat(BILLING.fingerprints()).allMatch(fp -> fp.matches("[0-9a-f]{16}"));
    for (String word :
        List.of("tieredamount", "bigdecimal", "invoice", "velocity", "risk", "acme")) {
      assertThat(json).doesNotContain(word);
    }
  }

  @Test
  void fingerprints_dependOnSalt() {
    List<String> a = ProtectedCodeFingerprinter.fingerprints(JAVA, "00");
    List<String> again = ProtectedCodeFingerprinter.fingerprints(JAVA, "00");
    List<String> b = ProtectedCodeFingerprinter.fingerprints(JAVA, "01");

    assertEquals(a, again);
    assertThat(a).doesNotContainAnyElementsOf(b);
  }

  @Test
  void fingerprints_sizeIsAFractionOfTheTokens() {
    List<String> fps = ProtectedCodeFingerprinter.fingerprints(JAVA, "");

    // about 2 / (W + 1) of ~900 tokens
    assertThat(fps.size()).isBetween(40, 200);
  }

  @Test
  void forPolicy_registeredSetSurvivesJsonRoundTrip() {
    PolicyDocument policy = policyWith(BILLING);
    PolicyDocument reread =
        JsonCodec.read(JsonCodec.write(policy.validated()), PolicyDocument.class);

    List<Detector> detectors = TradeSecretDetectors.forPolicy(reread);

    assertThat(detectors.get(0).scan(COPIED_JAVA)).hasSize(1);
  }

  private static Detector detectorFor(ProtectedCode set) {
    return TradeSecretDetectors.forPolicy(policyWith(set)).get(0);
  }

  private static PolicyDocument policyWith(ProtectedCode set) {
    return new PolicyDocument(
        "p",
        List.of(),
        List.of(),
        Map.of(),
        null,
        null,
        new TradeSecrets(null, null, null, null, null, List.of(set), null));
  }

  private static Supplier<String> s(Supplier<String> supplier) {
    return supplier;
  }

  private static String jsonEscape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String resource(String name) {
    try (InputStream in =
        ProtectedCodeDetectorTest.class.getResourceAsStream("/tradesecret/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
