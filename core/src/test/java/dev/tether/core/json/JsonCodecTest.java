package dev.tether.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.api.HeartbeatResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonCodecTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown property   | {"latestPolicyVersion":1,"extra":2}
          duplicate key      | {"latestPolicyVersion":1,"latestPolicyVersion":2}
          trailing tokens    | {"latestPolicyVersion":1} {}
          null document      | null
          not json           | latestPolicyVersion=1
          """)
  void read_malformed_throwsNamingType(String note, String json) {
    JsonFormatException e =
        assertThrows(
            JsonFormatException.class, () -> JsonCodec.read(json, HeartbeatResponse.class));
    assertThat(e.getMessage()).startsWith("HeartbeatResponse: ");
  }

  @Test
  void read_tooDeep_throws() {
    String deep =
        "[".repeat(JsonCodec.MAX_NESTING_DEPTH + 5) + "]".repeat(JsonCodec.MAX_NESTING_DEPTH + 5);

    assertThrows(JsonFormatException.class, () -> JsonCodec.read(deep, Object.class));
  }

  @Test
  void read_oversized_throws() {
    byte[] big = new byte[JsonCodec.MAX_DOCUMENT_BYTES + 1];

    JsonFormatException e =
        assertThrows(JsonFormatException.class, () -> JsonCodec.read(big, HeartbeatResponse.class));
    assertThat(e.getMessage()).contains("exceeds the limit");
  }

  @Test
  void write_sortsKeys() {
    record Unsorted(int zeta, int alpha) {}

    assertThat(JsonCodec.writeString(new Unsorted(1, 2))).isEqualTo("{\"alpha\":2,\"zeta\":1}");
  }
}
