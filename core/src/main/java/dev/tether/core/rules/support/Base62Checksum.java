package dev.tether.core.rules.support;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum GitHub and npm append to their tokens: the CRC32 of the random part, written in
 * base62 (alphabet {@code 0-9A-Za-z}) and left-padded with {@code 0} to six characters. A token
 * whose suffix does not match is not a real token, which lets a detector reject look-alikes without
 * asking the issuer.
 */
public final class Base62Checksum {
  /** The base62 alphabet, digits first, then upper case, then lower case. */
  public static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /** Width of the encoded checksum. */
  public static final int WIDTH = 6;

  private Base62Checksum() {}

  /** The six-character base62 CRC32 of {@code body} (ASCII). */
  public static String of(CharSequence body) {
    CRC32 crc = new CRC32();
    crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] out = new char[WIDTH];
    for (int i = WIDTH - 1; i >= 0; i--) {
      out[i] = ALPHABET.charAt((int) (value % 62));
      value /= 62;
    }
    return new String(out);
  }

  /**
   * True if the last six characters of {@code token} are the checksum of the {@code bodyLength}
   * characters before them. Never throws: a token too short for the layout is simply invalid.
   */
  public static boolean hasValidSuffix(String token, int bodyLength) {
    int end = token.length() - WIDTH;
    int start = end - bodyLength;
    if (start < 0) {
      return false;
    }
    return of(token.substring(start, end)).equals(token.substring(end));
  }
}
