package dev.tether.core.rules.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the texts hidden in a text by nesting encodings, so detectors see a secret however it is
 * wrapped: JSON string escapes ({@code \n}, {@code \"}, {@code \u0041}), percent-encoding ({@code
 * %2F}, {@code +}) and base64 (standard and URL-safe, runs of at least {@value #MIN_BASE64_RUN}
 * characters that decode to UTF-8 text that is at least 90 % printable).
 *
 * <p>Bounds: views are produced breadth first, at most {@code maxDepth} decodings deep, and the
 * decoded characters of all views together never exceed {@code maxDecodedChars}; a decoding that
 * would exceed the budget is skipped (reported by {@link Result#truncated()}). Every decoding is no
 * longer than its input, so the work is linear in the input for fixed limits.
 */
public final class NestedDecoder {
  /** Decodings applied on top of each other at most. */
  public static final int DEFAULT_MAX_DEPTH = 3;

  /** Shortest base64 run considered (shorter runs are mostly identifiers and words). */
  public static final int MIN_BASE64_RUN = 24;

  /** Decoded characters allowed on top of twice the input length. */
  public static final int BUDGET_SLACK_CHARS = 64 * 1024;

  private static final double MIN_PRINTABLE_SHARE = 0.9;

  /** All views of one text, the original first, then breadth first. */
  public record Result(List<DecodedView> views, boolean truncated) {}

  private NestedDecoder() {}

  /** The default budget for a text of {@code length} chars: twice the length plus a slack. */
  public static long defaultBudget(int length) {
    return 2L * length + BUDGET_SLACK_CHARS;
  }

  /** Decodes {@code text} with the default depth and budget. */
  public static Result decode(CharSequence text) {
    return decode(text, DEFAULT_MAX_DEPTH, defaultBudget(text.length()));
  }

  /** Decodes {@code text} at most {@code maxDepth} levels deep, {@code maxDecodedChars} in all. */
  public static Result decode(CharSequence text, int maxDepth, long maxDecodedChars) {
    List<DecodedView> views = new ArrayList<>();
    views.add(DecodedView.root(text));
    long budget = maxDecodedChars;
    boolean truncated = false;
    for (int next = 0; next < views.size(); next++) {
      DecodedView view = views.get(next);
      if (view.depth() >= maxDepth) {
        continue;
      }
      for (DecodedView child : children(view)) {
        if (child.text().length() > budget) {
          truncated = true;
          continue;
        }
        budget -= child.text().length();
        views.add(child);
      }
    }
    return new Result(List.copyOf(views), truncated);
  }

  private static List<DecodedView> children(DecodedView view) {
    CharSequence text = view.text();
    List<DecodedView> children = new ArrayList<>();
    DecodedView json = jsonUnescaped(view);
    if (json != null) {
      children.add(json);
    }
    DecodedView percent = percentDecoded(view);
    if (percent != null) {
      children.add(percent);
    }
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isBase64Char(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isBase64Char(text.charAt(i))) {
        i++;
      }
      int end = i;
      while (i < n && i - end < 2 && text.charAt(i) == '=') {
        i++;
      }
      if (end - start >= MIN_BASE64_RUN) {
        String decoded = base64Text(text, start, end);
        if (decoded != null) {
          children.add(DecodedView.run(view, DecodedView.Encoding.BASE64, decoded, start, i));
        }
      }
    }
    return children;
  }

  /** The JSON-unescaped text, or null when {@code view} has no valid JSON escape. */
  static DecodedView jsonUnescaped(DecodedView view) {
    CharSequence text = view.text();
    int n = text.length();
    StringBuilder out = null;
    int[] starts = null;
    int o = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      int len = c == '\\' ? escapeLength(text, i) : 0;
      if (len == 0 && out == null) {
        i++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n);
        starts = new int[n + 1];
        for (int k = 0; k < i; k++) {
          out.append(text.charAt(k));
          starts[o++] = k;
        }
      }
      starts[o++] = i;
      if (len == 0) {
        out.append(c);
        i++;
      } else {
        out.append(unescape(text, i, len));
        i += len;
      }
    }
    if (out == null) {
      return null;
    }
    starts[o] = n;
    return DecodedView.exact(
        view,
        DecodedView.Encoding.JSON_ESCAPES,
        out.toString(),
        java.util.Arrays.copyOf(starts, o + 1));
  }

  /** Length of the valid JSON escape at {@code i} (2 or 6), or 0. */
  private static int escapeLength(CharSequence text, int i) {
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

  private static char unescape(CharSequence text, int i, int len) {
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
    CharSequence text = view.text();
    int n = text.length();
    if (!hasPercentEscape(text)) {
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
        view, DecodedView.Encoding.PERCENT, out.toString(), java.util.Arrays.copyOf(starts, o + 1));
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

  private static boolean hasPercentEscape(CharSequence text) {
    for (int i = 0, n = text.length(); i < n; i++) {
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

  private static boolean isBase64Char(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '-'
        || c == '_';
  }

  /** The UTF-8 text {@code text[start, end)} encodes as base64, or null if it is not text. */
  static String base64Text(CharSequence text, int start, int end) {
    boolean standard = false;
    boolean urlSafe = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      standard |= c == '+' || c == '/';
      urlSafe |= c == '-' || c == '_';
    }
    int length = end - start;
    if ((standard && urlSafe) || length % 4 == 1) {
      return null;
    }
    byte[] bytes = new byte[length * 3 / 4];
    int bits = 0;
    int buffer = 0;
    int b = 0;
    for (int i = start; i < end; i++) {
      buffer = (buffer << 6) | sextet(text.charAt(i));
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        bytes[b++] = (byte) (buffer >> bits);
      }
    }
    String decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, 0, b))
              .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    return printableShare(CharBuffer.wrap(decoded)) >= MIN_PRINTABLE_SHARE ? decoded : null;
  }

  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '+' || c == '-' ? 62 : 63;
  }

  private static double printableShare(CharSequence s) {
    if (s.length() == 0) {
      return 0;
    }
    int printable = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0))
          || c == '\n'
          || c == '\r'
          || c == '\t') {
        printable++;
      }
    }
    return (double) printable / s.length();
  }
}
