package dev.tether.agent.provider;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bounded {@code multipart/form-data} reader (RFC 7578) for file uploads: splits on the boundary
 * and reads each part's {@code Content-Disposition} name and filename, {@code Content-Type} and
 * {@code Content-Transfer-Encoding: base64}. At most {@value #MAX_PARTS} parts; a malformed body
 * yields the parts read so far (the detectors scan the raw body anyway).
 */
final class Multipart {
  static final int MAX_PARTS = 1000;
  private static final int MAX_PART_HEADERS = 8 * 1024;

  /** One part. */
  record Part(String name, String filename, String contentType, byte[] body) {}

  private Multipart() {}

  /** The boundary parameter of a multipart content type, or {@code null}. */
  static String boundary(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return null;
    }
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
        String b = p.substring(9).trim();
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
          b = b.substring(1, b.length() - 1);
        }
        return b.isEmpty() || b.length() > 200 ? null : b;
      }
    }
    return null;
  }

  static List<Part> parse(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0 && parts.size() < MAX_PARTS) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // closing delimiter
      }
      int headersStart = skipLineEnd(body, start);
      int headersEnd =
          indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersEnd < 0 || headersEnd - headersStart > MAX_PART_HEADERS) {
        break;
      }
      int next = indexOf(body, delimiter, headersEnd + 4);
      if (next < 0) {
        break;
      }
      int bodyEnd = next >= 2 && body[next - 2] == '\r' && body[next - 1] == '\n' ? next - 2 : next;
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      byte[] content =
          java.util.Arrays.copyOfRange(body, headersEnd + 4, Math.max(bodyEnd, headersEnd + 4));
      parts.add(part(headers, content));
      at = next;
    }
    return parts;
  }

  private static Part part(String headers, byte[] content) {
    String name = null;
    String filename = null;
    String type = null;
    boolean base64 = false;
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      switch (key) {
        case "content-disposition" -> {
          name = param(value, "name");
          filename = param(value, "filename");
        }
        case "content-type" -> type = value;
        case "content-transfer-encoding" -> base64 = value.equalsIgnoreCase("base64");
        default -> {}
      }
    }
    if (base64) {
      try {
        content =
            java.util.Base64.getMimeDecoder()
                .decode(new String(content, StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        // keep the raw bytes: they are scanned as they are
      }
    }
    return new Part(name, filename, type, content);
  }

  private static String param(String header, String key) {
    for (String piece : header.split(";")) {
      String p = piece.trim();
      if (p.regionMatches(true, 0, key + "=", 0, key.length() + 1)) {
        String v = p.substring(key.length() + 1).trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
            ? v.substring(1, v.length() - 1)
            : v;
      }
    }
    return null;
  }

  private static int skipLineEnd(byte[] body, int at) {
    if (at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n') {
      return at + 2;
    }
    return at < body.length && body[at] == '\n' ? at + 1 : at;
  }

  static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
