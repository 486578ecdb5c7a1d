package dev.tether.core.rules.tradesecret;

/**
 * Splits text into normalised code tokens for {@link Winnowing} (the rules are documented there).
 * One pass, no allocation per token.
 *
 * <p>Two views: with comments stripped (how registered code is fingerprinted, so comment edits do
 * not matter), and with only the comment markers dropped (so code that was commented out in a
 * request, to slip past, tokenises like the original).
 */
final class CodeTokenizer {
  /** Receives each token's 64-bit hash and its span in the text. */
  interface Sink {
    void token(long hash, int start, int end);
  }

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private CodeTokenizer() {}

  static void tokenize(CharSequence text, boolean stripComments, Sink sink) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      char next = i + 1 < n ? text.charAt(i + 1) : '\0';
      if (c == '\\') {
        // An escape: \n, \r, \t are whitespace (code inside JSON strings); otherwise drop the
        // backslash and read what follows as usual.
        i += (next == 'n' || next == 'r' || next == 't') ? 2 : 1;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (!stripComments && (c == '#' || isCommentMarker(c, next))) {
        i += c == '#' ? 1 : 2;
      } else if (c == '/' && next == '/' || c == '#') {
        i = endOfLine(text, i);
      } else if (c == '/' && next == '*') {
        i = endOfBlockComment(text, i + 2);
      } else if (isIdentifierChar(c)) {
        long hash = FNV_OFFSET;
        int start = i;
        while (i < n && isIdentifierChar(text.charAt(i))) {
          hash = (hash ^ Character.toLowerCase(text.charAt(i))) * FNV_PRIME;
          i++;
        }
        sink.token(hash, start, i);
      } else {
        char symbol = c == '\'' || c == '`' ? '"' : c;
        sink.token((FNV_OFFSET ^ symbol ^ 0x10000) * FNV_PRIME, i, i + 1);
        i++;
      }
    }
  }

  /** Index of the line end after {@code i}: a real line break or an escaped {@code \n}. */
  private static int endOfLine(CharSequence text, int i) {
    int n = text.length();
    int j = i;
    while (j < n) {
      char c = text.charAt(j);
      if (c == '\n' || c == '\r') {
        return j;
      }
      if (c == '\\' && j + 1 < n && (text.charAt(j + 1) == 'n' || text.charAt(j + 1) == 'r')) {
        return j;
      }
      j++;
    }
    return n;
  }

  private static int endOfBlockComment(CharSequence text, int from) {
    int n = text.length();
    for (int j = from; j + 1 < n; j++) {
      if (text.charAt(j) == '*' && text.charAt(j + 1) == '/') {
        return j + 2;
      }
    }
    return n;
  }

  private static boolean isCommentMarker(char c, char next) {
    return (c == '/' && (next == '/' || next == '*')) || (c == '*' && next == '/');
  }

  private static boolean isIdentifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
