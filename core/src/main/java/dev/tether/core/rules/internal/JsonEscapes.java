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

  /** A backslash introduces an escape when an even number of backslashes precede it. */
  private static boolean introducesEscape(CharSequence text, int q) {
    int before = 0;
    for (int k = q - 1; k >= 0 && text.charAt(k) == '\\'; k--) {
      before++;
    }
    return before % 2 == 0;
  }
}
