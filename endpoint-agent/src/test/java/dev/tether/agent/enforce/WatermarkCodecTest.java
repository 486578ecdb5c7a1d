package dev.tether.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WatermarkCodecTest {
  private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

  @Test
  void encode_isInvisibleAndDecodesBack() {
    String marker = WatermarkCodec.encode(ID);
    assertTrue(marker.chars().allMatch(c -> Character.getType(c) == Character.FORMAT), marker);
    assertEquals(List.of(ID), WatermarkCodec.decode("leaked " + marker + " text"));
  }

  @Test
  void watermarker_marksLastPromptAndSurvivesQuotingAFragment() {
    String body =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
            + "{\"role\":\"user\",\"content\":\"our quarterly revenue forecast for the northern"
            + " region is confidential and says growth of twelve percent next year\"}]}";
    Watermarker.Marked marked = Watermarker.mark(body, ID, 3).orElseThrow();
    assertEquals(3, marked.copies());
    assertTrue(marked.body().contains("\"be brief\""), "system prompt untouched");
    String user = marked.body().substring(marked.body().indexOf("our quarterly"));
    // A leak of only the last third of the user's text still names the decision.
    String fragment = user.substring(user.length() * 2 / 3);
    assertEquals(List.of(ID), WatermarkCodec.decode(fragment));
    assertEquals(body, WatermarkCodec.strip(marked.body()), "only invisible characters were added");
    com.fasterxml.jackson.databind.JsonNode parsed = assertDoesNotThrowParse(marked.body());
    assertTrue(parsed.path("messages").path(1).path("content").asText().startsWith("our"));
  }

  @Test
  void decode_corruptedMarker_yieldsNothingNotAWrongId() {
    String marker = WatermarkCodec.encode(ID);
    char[] chars = marker.toCharArray();
    chars[10] = chars[10] == '\u200B' ? '\u200C' : '\u200B';
    assertEquals(List.of(), WatermarkCodec.decode(new String(chars)));
    String other = UUID.randomUUID().toString();
    assertEquals(
        List.of(ID, other),
        WatermarkCodec.decode(marker + "x" + WatermarkCodec.encode(other) + marker));
  }

  @Test
  void fingerprint_nearCopyIsCloseAndOtherTextIsFar() {
    String a =
        "the migration plan moves the billing database to the new cluster in march and keeps"
            + " the old replica for two weeks as a fallback";
    String edited = a.replace("two weeks", "three weeks") + " thanks";
    String other =
        "write a haiku about autumn leaves falling on a quiet lake at dusk with mountains";
    int near = Fingerprint.distance(Fingerprint.of(a), Fingerprint.of(edited));
    int far = Fingerprint.distance(Fingerprint.of(a), Fingerprint.of(other));
    assertTrue(near < far, near + " vs " + far);
    assertTrue(near <= 16, "near copy distance " + near);
    assertEquals(Fingerprint.of(a), Fingerprint.of(WatermarkCodec.encode(ID) + a.toUpperCase()));
  }

  @Test
  void watermarker_noPromptText_isEmpty() {
    assertTrue(Watermarker.mark("{\"model\":\"x\"}", ID, 3).isEmpty());
    assertTrue(Watermarker.mark("not json", ID, 3).isEmpty());
  }

  private static com.fasterxml.jackson.databind.JsonNode assertDoesNotThrowParse(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new AssertionError("marked body is not JSON", e);
    }
  }
}
