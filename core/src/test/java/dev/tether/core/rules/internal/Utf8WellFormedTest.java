package dev.tether.core.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link NestedDecoder#wellFormedUtf8}, which lets base64 runs of binary skip the JDK decoder (and
 * its exception), accepts exactly what a reporting UTF-8 decoder accepts: on random bytes, on
 * random sequences of lead and continuation bytes around every boundary of the UTF-8 table, and on
 * the decodings of random text.
 */
class Utf8WellFormedTest {
  private static boolean decoderAccepts(byte[] bytes, int length) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void wellFormedUtf8_agreesWithTheReportingDecoder() {
    int[] interesting = {
      0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1,
      0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff
    };
    Random random = new Random(3);
    int accepted = 0;
    int nonAsciiAccepted = 0;
    for (int round = 0; round < 200_000; round++) {
      byte[] bytes = new byte[random.nextInt(9)];
      boolean structured = random.nextBoolean();
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] =
            (byte)
                (structured ? interesting[random.nextInt(interesting.length)] : random.nextInt());
      }
      boolean expected = decoderAccepts(bytes, bytes.length);
      assertThat(NestedDecoder.wellFormedUtf8(bytes, bytes.length))
          .as("%s", java.util.HexFormat.of().formatHex(bytes))
          .isEqualTo(expected);
      accepted += expected ? 1 : 0;
      boolean ascii = true;
      for (byte b : bytes) {
        ascii &= b >= 0;
      }
      nonAsciiAccepted += expected && !ascii ? 1 : 0;
    }
    assertThat(accepted).isGreaterThan(10_000);
    assertThat(nonAsciiAccepted).isGreaterThan(1_000);
  }

  @Test
  void wellFormedUtf8_acceptsEncodedText_andRespectsTheLength() {
    Random random = new Random(5);
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(20); i >= 0; i--) {
        text.appendCodePoint(
            switch (random.nextInt(4)) {
              case 0 -> 0x20 + random.nextInt(0x5f);
              case 1 -> 0xa0 + random.nextInt(0x700);
              case 2 -> 0x800 + random.nextInt(0xd000);
              default -> 0x10000 + random.nextInt(0x100000);
            });
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      assertThat(NestedDecoder.wellFormedUtf8(bytes, bytes.length)).isTrue();
      if (bytes.length > 0 && bytes[bytes.length - 1] < 0) {
        // Cut inside the last character: a truncated sequence.
        assertThat(NestedDecoder.wellFormedUtf8(bytes, bytes.length - 1)).isFalse();
      }
    }
  }
}
