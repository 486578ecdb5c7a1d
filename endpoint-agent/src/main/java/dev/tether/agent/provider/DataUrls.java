package dev.tether.agent.provider;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * {@code data:} URLs (RFC 2397) and bare base64 payloads as attachments: decoded (bounded), and
 * kept as text when the bytes are clean UTF-8 without control characters, whatever the declared
 * media type (a {@code text/plain} secret labelled {@code image/png} is still read).
 */
final class DataUrls {
  /** Largest base64 payload decoded (chars). */
  static final int MAX_BASE64_CHARS = 24 * 1024 * 1024;

  private DataUrls() {}

  static boolean isDataUrl(String value) {
    return value.regionMatches(true, 0, "data:", 0, 5);
  }

  /** The attachment a data URL carries; {@code null} if it is malformed. */
  static Attachment parse(String name, String url) {
    int comma = url.indexOf(',');
    if (comma < 0 || comma > 1024) {
      return null;
    }
    String meta = url.substring(5, comma).toLowerCase(Locale.ROOT);
    boolean base64 = meta.endsWith(";base64");
    String mediaType = meta.split(";", 2)[0];
    String payload = url.substring(comma + 1);
    if (!base64) {
      String text = java.net.URLDecoder.decode(payload.replace("+", "%2B"), StandardCharsets.UTF_8);
      return new Attachment(name, mediaType, text.length(), text);
    }
    return fromBase64(name, mediaType, payload);
  }

  /** Decodes base64 (standard or URL-safe, whitespace ignored); {@code null} if it is not. */
  static Attachment fromBase64(String name, String mediaType, String payload) {
    if (payload.length() > MAX_BASE64_CHARS) {
      return new Attachment(name, mediaType, payload.length() / 4 * 3, null);
    }
    byte[] bytes;
    try {
      String compact = payload.replaceAll("\\s+", "");
      bytes =
          compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(compact)
              : Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return new Attachment(name, mediaType, bytes.length, textOrNull(bytes));
  }

  /** The bytes as a string if they are strict UTF-8 without binary control characters. */
  static String textOrNull(byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
        return null;
      }
    }
    return text;
  }
}
