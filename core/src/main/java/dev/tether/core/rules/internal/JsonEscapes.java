package dev.tether.core.rules.internal;

/** Where JSON escape sequences are in a text that has not been unescaped. */
public final class JsonEscapes {
  private JsonEscapes() {}

  /**
   * True if the boundary {@code offset} falls strictly inside a valid JSON escape sequence ({@code
   * \\n}, {@code \\u0041}, ...), e.g. between the backslash and the {@code n}. A span with such a
   * boundary is an artefact of scanning escaped text: the unescaped view has the real one.
   */
  public static boolean splits(CharSequence text, int offset) {
    for (int q = offset - 1; q >= 0 && q >= offset - 5; q--) {
      if (text.charAt(q) == '\\' && introducesEscape(text, q)) {
        int length = EscapeDecoders.escapeLength(text, q);
        return length > 0 && offset < q + length;
      }
    }
    return false;
  }

  /**
   * True if {@code text[start, end)} holds a valid JSON escape that stands for a line break, tab,
   * other control character, space or double quote. Scanned raw, {@code value\n\nThanks!} is one
   * token; unescaped it is a value, a line break and the next line, so a raw span across such an
   * escape is an artefact and the unescaped view has the real span.
   */
  public static boolean crossesSeparator(CharSequence text, int start, int end) {
    for (int q = Math.max(0, start); q < end; q++) {
      if (text.charAt(q) != '\\') {
        continue;
      }
      int length = EscapeDecoders.escapeLength(text, q);
      if (length == 0) {
        continue;
      }
      char decoded = EscapeDecoders.unescape(text, q, length);
      if (decoded <= ' ' || decoded == '"') {
        return true;
      }
      q += length - 1; // a raw "\\" is one escape: the second backslash starts nothing
    }
    return false;
  }

  /**
   * True if every valid JSON escape in {@code text} stands for a line break, tab, other control
   * character, space or double quote (the escapes {@link #crossesSeparator} rejects), i.e. the text
   * has no {@code \\}, {@code \/} and no <code>&#92;u</code> escape of a visible character. Then a
   * span of the escaped text that neither splits nor crosses an escape holds no escape at all, and
   * its characters are the same in the unescaped text.
   */
  public static boolean onlySeparatorEscapes(CharSequence text) {
    String s = text.toString();
    for (int q = s.indexOf('\\'); q >= 0; q = s.indexOf('\\', q + 1)) {
      int length = EscapeDecoders.escapeLength(s, q);
      if (length == 0) {
        continue;
      }
      char decoded = EscapeDecoders.unescape(s, q, length);
      if (decoded > ' ' && decoded != '"') {
        return false;
      }
      q += length - 1;
    }
    return true;
  }

  /** A backslash introduces an escape when an even number of backslashes precede it. */
  private static boolean introducesEscape(CharSequence text, int q) {
    int before = 0;
    for (int k = q - 1; k >= 0 && text.charAt(k) == '\\'; k--) {
      before++;
    }
    return before % 2 == 0;
  }
}
