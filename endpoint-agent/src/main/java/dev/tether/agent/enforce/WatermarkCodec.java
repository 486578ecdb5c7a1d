package dev.tether.agent.enforce;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The invisible marker Watermark mode puts into prompt text, and its decoder.
 *
 * <p>A marker is {@link #START} followed by {@value #PAYLOAD_CHARS} characters from a four-letter
 * alphabet of zero-width code points (U+200B, U+200C, U+200D, U+2060), two bits each, encoding the
 * 16 bytes of the decision id (a UUID) and a 2-byte CRC of them. The characters render as nothing
 * in editors, terminals and chat UIs. Several copies are spread through one text so a fragment
 * quoted elsewhere still carries one; the decoder finds every complete, checksum-valid copy in any
 * text (other invisible characters, e.g. a stripped start, just make that copy unreadable; it never
 * yields a wrong id unless the CRC is defeated by chance, 1 in 65536).
 */
public final class WatermarkCodec {
  /** Invisible plus (U+2064): starts a marker. */
  public static final char START = '\u2064';

  private static final char[] ALPHABET = {'\u200B', '\u200C', '\u200D', '\u2060'};
  static final int PAYLOAD_CHARS = 18 * 4;

  private WatermarkCodec() {}

  /** The marker for {@code decisionId} (a UUID string). */
  public static String encode(String decisionId) {
    UUID id = UUID.fromString(decisionId);
    ByteBuffer bytes = ByteBuffer.allocate(18);
    bytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    bytes.putShort((short) crc(bytes.array(), 16));
    StringBuilder out = new StringBuilder(1 + PAYLOAD_CHARS).append(START);
    for (byte b : bytes.array()) {
      for (int shift = 6; shift >= 0; shift -= 2) {
        out.append(ALPHABET[(b >> shift) & 3]);
      }
    }
    return out.toString();
  }

  /**
   * Every decision id whose marker appears intact in {@code text}, in order of first appearance.
   */
  public static List<String> decode(CharSequence text) {
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) != START || i + PAYLOAD_CHARS >= text.length()) {
        continue;
      }
      byte[] bytes = new byte[18];
      boolean valid = true;
      for (int k = 0; k < PAYLOAD_CHARS && valid; k++) {
        int digit = digit(text.charAt(i + 1 + k));
        if (digit < 0) {
          valid = false;
        } else {
          bytes[k / 4] = (byte) ((bytes[k / 4] << 2) | digit);
        }
      }
      if (!valid) {
        continue;
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      long msb = buffer.getLong();
      long lsb = buffer.getLong();
      int stored = buffer.getShort() & 0xFFFF;
      if (stored == crc(bytes, 16)) {
        ids.add(new UUID(msb, lsb).toString());
        i += PAYLOAD_CHARS;
      }
    }
    return new ArrayList<>(ids);
  }

  /** {@code text} without any marker characters (what the developer typed). */
  public static String strip(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != START && digit(c) < 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int digit(char c) {
    for (int d = 0; d < ALPHABET.length; d++) {
      if (ALPHABET[d] == c) {
        return d;
      }
    }
    return -1;
  }

  private static int crc(byte[] bytes, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, length);
    return (int) (crc.getValue() & 0xFFFF);
  }
}
