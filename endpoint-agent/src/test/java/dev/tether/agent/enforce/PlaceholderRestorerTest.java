package dev.tether.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceholderRestorerTest {
  private static final String KEY = "AKIA" + "Q3EGRJ5XWZT7NB2H";
  private static final Map<String, String> ORIGINALS =
      Map.of("[AWS_ACCESS_KEY_1]", KEY, "[PRIVATE_KEY_1]", "-----BEGIN\\nabc\\n-----END");

  private static String run(List<String> chunks) {
    PlaceholderRestorer r = new PlaceholderRestorer(ORIGINALS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String chunk : chunks) {
      out.writeBytes(r.rewrite(chunk.getBytes(StandardCharsets.UTF_8)));
    }
    out.writeBytes(r.finish());
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "split at {0}")
  @ValueSource(ints = {1, 5, 20, 27, 28, 40, 55})
  void jsonBody_placeholderSplitAtAnyByte_isRestored(int split) {
    String body = "{\"content\":\"use [AWS_ACCESS_KEY_1] and caf\u00e9 [NOT_OURS_1]\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    PlaceholderRestorer r = new PlaceholderRestorer(ORIGINALS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int cut = Math.min(split, bytes.length);
    out.writeBytes(r.rewrite(java.util.Arrays.copyOfRange(bytes, 0, cut)));
    out.writeBytes(r.rewrite(java.util.Arrays.copyOfRange(bytes, cut, bytes.length)));
    out.writeBytes(r.finish());
    assertEquals(
        "{\"content\":\"use " + KEY + " and caf\u00e9 [NOT_OURS_1]\"}",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void openAiStream_placeholderSplitAcrossThreeEvents_isRestored() {
    String out =
        run(
            List.of(
                chunk("Your key is [AWS"),
                chunk("_ACCESS_KEY"),
                chunk("_1] ok"),
                "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
                "data: [DONE]\n\n"));
    assertEquals("Your key is " + KEY + " ok", String.join("", deltas(out)), out);
    assertEquals(true, out.endsWith("data: [DONE]\n\n"), out);
  }

  @Test
  void anthropicStream_placeholderSplitMidEventBytes_isRestoredWithEventLines() {
    String e1 =
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"k=[PRIVATE_\"}}\n\n";
    String e2 =
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"KEY_1]!\"}}\n\n";
    String out =
        run(List.of(e1.substring(0, 30), e1.substring(30) + e2.substring(0, 10), e2.substring(10)));
    assertEquals(true, out.contains("\"text\":\"k=\""), out);
    assertEquals(true, out.contains("\"text\":\"-----BEGIN\\nabc\\n-----END!\""), out);
    assertEquals(2, out.split("event: content_block_delta\n", -1).length - 1, out);
  }

  @Test
  void stream_heldPrefixThatIsNotAPlaceholder_isReleasedBeforeTheNextEvent() {
    String out =
        run(
            List.of(
                chunk("array[IDX"),
                "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"));
    assertEquals("array[IDX", String.join("", deltas(out)), out);
    assertEquals(true, out.indexOf("[IDX") < out.indexOf("finish_reason\":\"stop"), out);
  }

  @Test
  void stream_eventOverBound_throws() {
    PlaceholderRestorer r = new PlaceholderRestorer(ORIGINALS);
    r.rewrite("data: {".getBytes(StandardCharsets.UTF_8));
    assertThrows(
        IllegalStateException.class,
        () -> r.rewrite(new byte[PlaceholderRestorer.MAX_EVENT_BYTES + 1]));
  }

  private static String chunk(String text) {
    return "data: {\"choices\":[{\"delta\":{\"content\":\"" + text + "\"}}]}\n\n";
  }

  private static List<String> deltas(String sse) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"content\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(sse);
    java.util.List<String> parts = new java.util.ArrayList<>();
    while (m.find()) {
      parts.add(m.group(1));
    }
    return parts;
  }
}
