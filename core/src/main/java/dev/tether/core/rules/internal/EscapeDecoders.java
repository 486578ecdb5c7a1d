package dev.tether.core.rules.internal;

import java.util.Arrays;

/**
 * JSON string unescaping and percent-decoding of a whole view, each with an exact offset map (every
 * decoded character maps to the escape sequence it came from). Lenient: invalid escapes are kept as
 * they are, invalid UTF-8 becomes U+FFFD. Output is never longer than input.
 */
final class EscapeDecoders {
  private EscapeDecoders() {}

  /** The JSON-unescaped text, or null when {@code view} has no valid JSON escape. */
  static DecodedView jsonUnescaped(DecodedView view) {
    String text = view.text().toString(); // String.charAt inlines in every compiler tier
    int n = text.length();
    int i = indexOf(text, '\\');
    while (i >= 0 && i < n && escapeLength(text, i) == 0) {
      i = indexOf(text, '\\', i + 1);
    }
    if (i < 0 || i >= n) {
      return null;
    }
    // Plain arrays: this runs over whole request bodies.
    char[] out = new char[n];
    int[] starts = new int[n + 1];
    int o = 0;
    for (; o < i; o++) {
      out[o] = text.charAt(o);
      starts[o] = o;
    }
    while (i < n) {
      char c = text.charAt(i);
      int len = c == '\\' ? escapeLength(text, i) : 0;
      starts[o] = i;
      if (len == 0) {
        out[o++] = c;
        i++;
      } else {
        out[o++] = unescape(text, i, len);
        i += len;
      }
    }
    starts[o] = n;
    return DecodedView.exact(
        view,
        DecodedView.Encoding.JSON_ESCAPES,
        new String(out, 0, o),
        o == n ? starts : Arrays.copyOf(starts, o + 1));
  }

  /** Length of the valid JSON escape at {@code i} (2 or 6), or 0. */
  static int escapeLength(CharSequence text, int i) {
    if (i + 1 >= text.length()) {
      return 0;
    }
    switch (text.charAt(i + 1)) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
        return 2;
      case 'u':
        if (i + 5 < text.length()) {
          for (int k = i + 2; k < i + 6; k++) {
            if (!isHex(text.charAt(k))) {
              return 0;
            }
          }
          return 6;
        }
        return 0;
      default:
        return 0;
    }
  }

  static char unescape(CharSequence text, int i, int len) {
    if (len == 6) {
      return (char) Integer.parseInt(text.subSequence(i + 2, i + 6).toString(), 16);
    }
    switch (text.charAt(i + 1)) {
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      default:
        return text.charAt(i + 1);
    }
  }

  /** The percent-decoded text ({@code +} as space), or null when there is no {@code %XX}. */
  static DecodedView percentDecoded(DecodedView view) {
    String text = view.text().toString(); // String.charAt inlines in every compiler tier
    int n = text.length();
    int first = indexOf(text, '%');
    if (first < 0 || !hasPercentEscape(text, first)) {
      return null;
    }
    StringBuilder out = new StringBuilder(n);
    int[] starts = new int[n + 1];
    int o = 0;
    byte[] bytes = new byte[n / 3 + 1];
    int[] positions = new int[n / 3 + 1];
    int i = 0;
    while (i < n) {
      if (!isPercentEscape(text, i)) {
        char c = text.charAt(i);
        starts[o++] = i;
        out.append(c == '+' ? ' ' : c);
        i++;
        continue;
      }
      int count = 0;
      while (i < n && isPercentEscape(text, i)) {
        bytes[count] = (byte) Integer.parseInt(text.subSequence(i + 1, i + 3).toString(), 16);
        positions[count++] = i;
        i += 3;
      }
      o = appendUtf8(bytes, positions, count, i, out, starts, o);
    }
    starts[o] = n;
    return DecodedView.exact(
        view, DecodedView.Encoding.PERCENT, out.toString(), Arrays.copyOf(starts, o + 1));
  }

  /** Decodes a run of percent-escaped bytes leniently (bad sequences become U+FFFD). */
  private static int appendUtf8(
      byte[] bytes,
      int[] positions,
      int count,
      int runEnd,
      StringBuilder out,
      int[] starts,
      int o) {
    int b = 0;
    while (b < count) {
      int lead = bytes[b] & 0xff;
      int len = lead < 0x80 ? 1 : lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : 2;
      if (lead >= 0x80 && lead < 0xc2) {
        len = 0;
      }
      int codePoint = len == 1 ? lead : len == 2 ? lead & 0x1f : len == 3 ? lead & 0x0f : lead & 7;
      boolean ok = len > 0 && b + len <= count;
      for (int k = 1; ok && k < len; k++) {
        int cont = bytes[b + k] & 0xff;
        ok = (cont & 0xc0) == 0x80;
        codePoint = (codePoint << 6) | (cont & 0x3f);
      }
      ok =
          ok
              && codePoint <= Character.MAX_CODE_POINT
              && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
      if (!ok) {
        len = 1;
        codePoint = 0xfffd;
      }
      int end = b + len < count ? positions[b + len] : runEnd;
      starts[o++] = positions[b];
      out.appendCodePoint(codePoint);
      if (Character.isSupplementaryCodePoint(codePoint)) {
        starts[o++] = end; // the low surrogate: an empty span at the end of the sequence
      }
      b += len;
    }
    return o;
  }

  /** {@code String.indexOf} (vectorised by the JVM) when possible. */
  private static int indexOf(CharSequence text, char c) {
    return indexOf(text, c, 0);
  }

  private static int indexOf(CharSequence text, char c, int from) {
    if (text instanceof String s) {
      return s.indexOf(c, from);
    }
    for (int i = from, n = text.length(); i < n; i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean hasPercentEscape(CharSequence text, int from) {
    for (int i = from, n = text.length(); i < n; i++) {
      if (isPercentEscape(text, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPercentEscape(CharSequence text, int i) {
    return text.charAt(i) == '%'
        && i + 2 < text.length()
        && isHex(text.charAt(i + 1))
        && isHex(text.charAt(i + 2));
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
