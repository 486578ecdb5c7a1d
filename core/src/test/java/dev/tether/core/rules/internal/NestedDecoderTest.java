package dev.tether.core.rules.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NestedDecoderTest {

  static Stream<Arguments> views() {
    String b64 = b64("the launch code is tango-alpha-42");
    return Stream.of(
        Arguments.of("plain text has no other view", "just words here", List.of()),
        Arguments.of(
            "JSON escapes are unescaped",
            "{\"m\":\"line1\\nline2 \\\"q\\\" \\u0041\\\\\"}",
            List.of("JSON_ESCAPES:{\"m\":\"line1\nline2 \"q\" A\\\"}")),
        Arguments.of(
            "invalid escapes are kept as they are",
            "a\\x b\\n c\\u12",
            List.of("JSON_ESCAPES:a\\x b\n c\\u12")),
        Arguments.of(
            "percent-encoding with plus as space and UTF-8 sequences",
            "q=caf%C3%A9+au+lait%21",
            List.of("PERCENT:q=café au lait!")),
        Arguments.of("a lone percent sign is not an escape", "100% sure", List.of()),
        Arguments.of(
            "printable base64 run is decoded",
            "data " + b64 + " end",
            List.of("BASE64:the launch code is tango-alpha-42")),
        Arguments.of(
            "URL-safe base64 without padding",
            "t="
                + Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(bytes("~~~ subjects?? >>> mixed ~~~")),
            List.of("BASE64:~~~ subjects?? >>> mixed ~~~")),
        Arguments.of(
            "base64 of binary bytes is not a view",
            "k="
                + Base64.getEncoder()
                    .encodeToString(
                        new byte[] {
                          1,
                          2,
                          (byte) 0xff,
                          (byte) 0xfe,
                          0,
                          9,
                          8,
                          7,
                          6,
                          5,
                          4,
                          3,
                          2,
                          1,
                          (byte) 0x80,
                          (byte) 0x90,
                          0,
                          0
                        }),
            List.of()),
        Arguments.of("short base64 run is ignored", "x " + b64("hello world") + " y", List.of()),
        Arguments.of(
            "long identifiers are not printable base64",
            "someVeryLongCamelCaseIdentifierNameHere and another_snake_case_identifier_name",
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("views")
  void decode_viewsTable(String note, String text, List<String> expected) {
    List<String> found =
        NestedDecoder.decode(text).views().stream()
            .filter(v -> v.depth() == 1)
            .map(v -> v.encoding() + ":" + v.text())
            .toList();
    assertEquals(expected, found, note);
  }

  static Stream<Arguments> spans() {
    return Stream.of(
        Arguments.of("span after a JSON escape maps exactly", "a\\nSECRET b", "SECRET", "SECRET"),
        Arguments.of(
            "span containing escapes covers the whole escape sequences",
            "x\\u0053\\u0045CRET y",
            "SECRET",
            "\\u0053\\u0045CRET"),
        Arguments.of(
            "percent-encoded span maps to the encoded characters",
            "q=%53%45CRET&x=%20",
            "SECRET",
            "%53%45CRET"),
        Arguments.of(
            "multi-byte UTF-8 character maps to all its escapes",
            "n=%C3%A9t%C3%A9&x=%20",
            "été",
            "%C3%A9t%C3%A9"),
        Arguments.of(
            "base64 maps to the whole run, padding included",
            "v=" + b64("a value with SECRET inside of it") + ";",
            "SECRET",
            b64("a value with SECRET inside of it")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spans")
  void toOriginal_table(String note, String text, String needle, String expectedOriginal) {
    DecodedView view =
        NestedDecoder.decode(text).views().stream()
            .filter(v -> !v.isRoot() && v.text().toString().contains(needle))
            .findFirst()
            .orElseThrow();
    int start = view.text().toString().indexOf(needle);
    int[] span = view.toOriginal(start, start + needle.length());
    assertEquals(expectedOriginal, text.substring(span[0], span[1]), note);
  }

  @Test
  void decode_nestingDeeperThanTheBound_isNotDecoded() {
    String text = "SECRET payload";
    for (int i = 0; i < 10; i++) {
      text = b64(text + " wrapped at level " + i);
    }
    NestedDecoder.Result result = NestedDecoder.decode(text);
    assertEquals(
        NestedDecoder.DEFAULT_MAX_DEPTH, result.views().get(result.views().size() - 1).depth());
    assertFalse(result.views().stream().anyMatch(v -> v.text().toString().contains("SECRET")));
  }

  @Test
  void decode_nestingWithinTheBound_isDecodedAndMapsToTheOuterRun() {
    String inner = b64(b64(b64("key=SECRET value padding")));
    String text = "{\"content\":\"see " + inner + "\"}";
    DecodedView deepest =
        NestedDecoder.decode(text).views().stream()
            .filter(v -> v.text().toString().contains("SECRET"))
            .findFirst()
            .orElseThrow();
    assertEquals(3, deepest.depth());
    int start = deepest.text().toString().indexOf("SECRET");
    int[] span = deepest.toOriginal(start, start + 6);
    assertEquals(inner, text.substring(span[0], span[1]));
  }

  @Test
  void decode_budgetExceeded_skipsViewsAndSaysSo() {
    String text = "a\\nb " + b64("a long enough printable secret text");
    NestedDecoder.Result small = NestedDecoder.decode(text, 3, 10);
    assertEquals(1, small.views().size());
    assertTrue(small.truncated());
    NestedDecoder.Result enough = NestedDecoder.decode(text, 3, 1000);
    assertFalse(enough.truncated());
    assertTrue(enough.views().size() >= 3);
  }

  @Test
  void decode_depthZero_onlyTheOriginal() {
    assertEquals(1, NestedDecoder.decode("a\\nb", 0, 1000).views().size());
  }

  @Test
  void percentDecoded_invalidUtf8_becomesReplacementCharacter() {
    DecodedView view = EscapeDecoders.percentDecoded(DecodedView.root("x%FFy"));
    assertEquals("x\ufffdy", view.text().toString());
    assertArrayEquals(new int[] {1, 4}, view.toOriginal(1, 2));
  }

  @Test
  void base64Text_mixedAlphabets_rejected() {
    String run = "abcd+efgh_ijklmnopqrstuvwxyz";
    assertNull(NestedDecoder.base64Text(run, 0, run.length()));
  }

  @Test
  void decode_workIsBoundedForAdversarialInput() {
    String nested =
        "%25".repeat(100_000) + "\\\\".repeat(100_000) + b64("x".repeat(100)).repeat(1000);
    NestedDecoder.Result result = NestedDecoder.decode(nested);
    long decoded = result.views().stream().skip(1).mapToLong(v -> v.text().length()).sum();
    assertTrue(decoded <= NestedDecoder.defaultBudget(nested.length()), "decoded " + decoded);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(bytes(s));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
