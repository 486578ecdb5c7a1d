package dev.tether.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleEngineTest {
  static final String AWS_KEY = "AKIA" + "Q3EGRJ5XWZT7NB2H";
  static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ8d3Hq2+T";
  static final String PEM_BODY =
      "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmwIDAQABAoIBAQCq";

  @Test
  void scan_skipsDetectorsWhoseKeywordsAreAbsent() {
    CountingDetector alpha = new CountingDetector("alpha", Set.of("alpha"), "alpha[0-9]+");
    CountingDetector beta = new CountingDetector("beta", Set.of("beta", "bêta"), "beta[0-9]+");
    CountingDetector always = new CountingDetector("always", Set.of(), "zzz[0-9]+");
    RuleEngine engine = RuleEngine.of(List.of(alpha, beta, always));

    List<Finding> findings = engine.scan("ALPHA only: alpha42 and zzz7");

    assertEquals(1, alpha.scans.get(), "keyword present: scanned");
    assertEquals(0, beta.scans.get(), "keyword absent: skipped");
    assertEquals(1, always.scans.get(), "no keywords: always scanned");
    assertEquals(List.of("alpha@12-19", "always@24-28"), spans(findings));
  }

  @Test
  void scan_keywordOnlyInsideAnEncoding_runsTheDetectorOnThatView() {
    CountingDetector beta = new CountingDetector("beta", Set.of("beta"), "beta[0-9]+");
    RuleEngine engine = RuleEngine.of(List.of(beta));
    String text = "x=" + b64("a wrapped value beta123 here");
    List<Finding> findings = engine.scan(text);
    assertEquals(List.of("beta@2-" + text.length()), spans(findings));
  }

  static Stream<Arguments> decodingTable() {
    String pemJson =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"why does this fail?\\n"
            + "-----BEGIN RSA PRIVATE KEY-----\\n"
            + PEM_BODY.substring(0, 64)
            + "\\n"
            + PEM_BODY.substring(64)
            + "\\n-----END RSA PRIVATE KEY-----\\n\"}]}";
    String query = "GET /v1/upload?key=%41%4B%49%41Q3EGRJ5XWZT7NB2H&region=eu";
    String secretQuery =
        "callback?aws_secret_access_key%3D" + AWS_SECRET.replace("/", "%2F").replace("+", "%2B");
    String wrapped = b64("export AWS_ACCESS_KEY_ID=" + AWS_KEY);
    String threeDeep = b64(b64(b64("creds " + AWS_KEY + " end")));
    String tenDeep = "creds " + AWS_KEY + " end";
    for (int i = 0; i < 10; i++) {
      tenDeep = b64(tenDeep);
    }
    return Stream.of(
        Arguments.of(
            "JSON-escaped PEM key inside a chat message",
            pemJson,
            "pem-private-key",
            pemJson.indexOf("-----BEGIN"),
            pemJson.indexOf("-----END")),
        Arguments.of(
            "percent-encoded AWS key id in a query string maps to its escapes",
            query,
            "aws-access-key-id",
            query.indexOf("%41"),
            query.indexOf("&region")),
        Arguments.of(
            "percent-encoded AWS secret key maps exactly, escapes included",
            secretQuery,
            "aws-secret-access-key",
            secretQuery.indexOf("%3D") + 3,
            secretQuery.length()),
        Arguments.of(
            "base64-wrapped secret maps to the whole run",
            "config: " + wrapped + " (decode me)",
            "aws-access-key-id",
            8,
            8 + wrapped.length()),
        Arguments.of(
            "three base64 layers are within the depth bound",
            "blob " + threeDeep,
            "aws-access-key-id",
            5,
            5 + threeDeep.length()),
        Arguments.of("ten base64 layers: the depth bound stops decoding", tenDeep, null, 0, 0),
        Arguments.of(
            "AWS key in a JSON body: raw and unescaped views report it once",
            "{\"content\":\"key\\t" + AWS_KEY + "\"}",
            "aws-access-key-id",
            17,
            17 + AWS_KEY.length()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decodingTable")
  void scan_decodingTable(String note, String text, String detector, int start, int end) {
    List<Finding> findings = RuleEngine.standard().scan(text);
    if (detector == null) {
      assertEquals(List.of(), findings, note);
      return;
    }
    assertEquals(List.of(detector + "@" + start + "-" + end), spans(findings), note);
  }

  static Stream<Arguments> escapeArtefacts() {
    return Stream.of(
        Arguments.of(
            "word after an escaped newline: the raw match would swallow the n",
            "{\"c\":\"hi\\nbob@corp.io\"}",
            "bob@corp.io"),
        Arguments.of("after an escaped tab", "{\"c\":\"x\\tbob@corp.io\"}", "bob@corp.io"),
        Arguments.of(
            "an escaped backslash then a literal n stays in the match",
            "{\"c\":\"x\\\\nbob@corp.io\"}",
            "nbob@corp.io"),
        Arguments.of(
            "plain text without escapes is reported as it is",
            "mail nbob@corp.io",
            "nbob@corp.io"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escapeArtefacts")
  void scan_spanSplittingAJsonEscape_isReportedFromTheUnescapedView(
      String note, String text, String expected) {
    CountingDetector email = new CountingDetector("email", Set.of("@"), "[a-z]+@[a-z.]+[a-z]");
    List<Finding> findings = RuleEngine.of(List.of(email)).scan(text);
    assertEquals(1, findings.size(), note + ": " + spans(findings));
    assertEquals(expected, text.substring(findings.get(0).start(), findings.get(0).end()), note);
  }

  @Test
  void scan_kubernetesSecretInJsonEscapedBody_reportsNoPasswordRunningPastTheValue() {
    String value = b64("S3cr3t-Pa55word!x");
    String body =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"Can you check this manifest?\\n\\napiVersion: v1\\nkind: Secret\\n"
            + "metadata:\\n  name: db\\ntype: Opaque\\ndata:\\n  password: "
            + value
            + "\\n\\n\\nThanks!\"}]}";
    int start = body.indexOf(value);

    List<Finding> findings = RuleEngine.standard().scan(body);

    assertEquals(
        List.of("kubernetes-secret@" + start + "-" + (start + value.length())), spans(findings));
  }

  @Test
  void scan_rawSpanRunningOverAnEscapedLineBreak_isReportedFromTheUnescapedView() {
    CountingDetector token = new CountingDetector("token", Set.of("tok="), "tok=[^\\s\"]+");
    String text = "{\"content\":\"tok=abc123\\n\\nThanks!\"}";
    List<Finding> findings = RuleEngine.of(List.of(token)).scan(text);
    int start = text.indexOf("tok=");
    assertEquals(
        List.of("token@" + start + "-" + (start + "tok=abc123".length())), spans(findings));
  }

  @Test
  void scan_overlappingFindingsOfOneDetector_areMerged() {
    Detector overlapping =
        new Detector() {
          @Override
          public String family() {
            return "test-family";
          }

          @Override
          public List<Finding> scan(CharSequence text) {
            return List.of(
                finding(Severity.LOW, 3, 7),
                finding(Severity.HIGH, 5, 9),
                finding(Severity.LOW, 10, 12));
          }
        };
    List<Finding> findings = RuleEngine.of(List.of(overlapping)).scan("xx ababab yy");
    assertEquals(List.of("overlap@3-9", "overlap@10-12"), spans(findings));
    assertEquals(Severity.HIGH, findings.get(0).severity(), "the merged finding keeps the highest");
  }

  @Test
  void scan_findingsOfDifferentDetectorsOnTheSameSpan_areKept() {
    RuleEngine engine =
        RuleEngine.of(
            List.of(
                new CountingDetector("one", Set.of("tok"), "tok_[a-z]+"),
                new CountingDetector("two", Set.of("tok"), "tok_[a-z]+")));
    assertEquals(List.of("one@0-7", "two@0-7"), spans(engine.scan("tok_abc")));
  }

  @Test
  void scan_detectorSpanOutsideText_throws() {
    Detector broken =
        new Detector() {
          @Override
          public String family() {
            return "test-family";
          }

          @Override
          public List<Finding> scan(CharSequence text) {
            return List.of(new Finding("broken", "broken", "test-family", Severity.LOW, 1, 0, 999));
          }
        };
    assertThrows(IllegalStateException.class, () -> RuleEngine.of(List.of(broken)).scan("short"));
  }

  @Test
  void scan_tooLong_throws() {
    RuleEngine engine = RuleEngine.of(List.of());
    String big = "a".repeat(RuleEngine.MAX_SCAN_CHARS + 1);
    assertThrows(IllegalArgumentException.class, () -> engine.scan(big));
  }

  @Test
  void scan_largeCleanText_findsAndSkips() {
    CountingDetector alpha = new CountingDetector("alpha", Set.of("alpha"), "alpha[0-9]+");
    String text = "lorem ipsum dolor sit amet, ".repeat(40_000) + "alpha7";
    List<Finding> findings = RuleEngine.of(List.of(alpha)).scan(text);
    assertEquals(1, findings.size());
    assertTrue(findings.get(0).start() > 1_000_000);
  }

  static Finding finding(Severity severity, int start, int end) {
    return new Finding("overlap", "overlap", "test-family", severity, 0.5, start, end);
  }

  static List<String> spans(List<Finding> findings) {
    return findings.stream().map(f -> f.detectorId() + "@" + f.start() + "-" + f.end()).toList();
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
