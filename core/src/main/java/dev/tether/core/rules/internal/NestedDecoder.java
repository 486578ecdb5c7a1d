package dev.tether.core.rules.internal;

import java.nio.ByteBuffer;
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
    String text = view.text().toString(); // String.charAt inlines in every compiler tier
    List<DecodedView> children = new ArrayList<>();
    DecodedView json = EscapeDecoders.jsonUnescaped(view);
    if (json != null) {
      children.add(json);
    }
    DecodedView percent = EscapeDecoders.percentDecoded(view);
    if (percent != null) {
      children.add(percent);
    }
    int n = text.length();
    int i = 0;
    // Runs shorter than MIN_BASE64_RUN are never decoded, so probe the last character a run
    // starting at i would need: if it is not base64, no such run starts before it and the scan
    // jumps past it. Prose and code break into short words, so most of the text is skipped;
    // each character is still read at most twice.
    while (i + MIN_BASE64_RUN <= n) {
      int probe = i + MIN_BASE64_RUN - 1;
      if (!isBase64(text.charAt(probe))) {
        i = probe + 1;
        continue;
      }
      int start = probe;
      while (start > i && isBase64(text.charAt(start - 1))) {
        start--;
      }
      int end = probe + 1;
      while (end < n && isBase64(text.charAt(end))) {
        end++;
      }
      i = end;
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

  /** Characters of standard and URL-safe base64, by ASCII code. */
  private static final boolean[] BASE64 = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      BASE64[c] =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '-'
              || c == '_';
    }
  }

  private static boolean isBase64(char c) {
    return c < 128 && BASE64[c];
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
    boolean ascii = true;
    for (int k = 0; k < b && ascii; k++) {
      ascii = bytes[k] >= 0;
    }
    if (ascii) {
      // Most runs: UTF-8 of bytes below 0x80 is those characters, and cannot be malformed. A
      // run that decodes to ASCII binary fails the printable share below; no decoder needed.
      String decoded = new String(bytes, 0, b, StandardCharsets.US_ASCII);
      return printableShare(decoded) >= MIN_PRINTABLE_SHARE ? decoded : null;
    }
    if (!wellFormedUtf8(bytes, b)) {
      return null; // what the decoder would report, without building its exception
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
    return printableShare(decoded) >= MIN_PRINTABLE_SHARE ? decoded : null;
  }

  /**
   * True if {@code bytes[0, length)} is well-formed UTF-8 (Unicode table 3-7: no overlong forms, no
   * surrogates, nothing above U+10FFFF), the input a reporting UTF-8 decoder accepts. Random binary
   * (most base64 runs are keys and hashes) fails within a few bytes.
   */
  static boolean wellFormedUtf8(byte[] bytes, int length) {
    int i = 0;
    while (i < length) {
      int b0 = bytes[i] & 0xff;
      if (b0 < 0x80) {
        i++;
        continue;
      }
      int need;
      int lo = 0x80;
      int hi = 0xbf;
      if (b0 >= 0xc2 && b0 <= 0xdf) {
        need = 1;
      } else if (b0 >= 0xe0 && b0 <= 0xef) {
        need = 2;
        lo = b0 == 0xe0 ? 0xa0 : 0x80;
        hi = b0 == 0xed ? 0x9f : 0xbf;
      } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        need = 3;
        lo = b0 == 0xf0 ? 0x90 : 0x80;
        hi = b0 == 0xf4 ? 0x8f : 0xbf;
      } else {
        return false;
      }
      if (i + need >= length) {
        return false;
      }
      int b1 = bytes[i + 1] & 0xff;
      if (b1 < lo || b1 > hi) {
        return false;
      }
      for (int k = 2; k <= need; k++) {
        int bk = bytes[i + k] & 0xff;
        if (bk < 0x80 || bk > 0xbf) {
          return false;
        }
      }
      i += need + 1;
    }
    return true;
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

  private static double printableShare(String s) {
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
