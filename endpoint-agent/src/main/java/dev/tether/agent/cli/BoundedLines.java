package dev.tether.agent.cli;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines ({@code \n} or {@code \r\n}) of at most {@code maxChars} characters. A longer line is
 * skipped to its end without being buffered and reported as {@link #TOO_LONG}, so memory stays
 * bounded and the next line is read normally.
 */
final class BoundedLines {
  /** Returned (by identity) for a line longer than the limit. */
  static final String TOO_LONG = new String("<too long>");

  private final Reader reader;
  private final int maxChars;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;

  BoundedLines(Reader reader, int maxChars) {
    this.reader = reader;
    this.maxChars = maxChars;
  }

  /** The next line without its terminator, {@link #TOO_LONG}, or {@code null} at the end. */
  String next() throws IOException {
    StringBuilder line = new StringBuilder();
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = reader.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return any ? finish(line, tooLong) : null;
        }
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      if (!tooLong) {
        if (line.length() + (position - start) > maxChars + 1) {
          tooLong = true;
          line.setLength(0);
        } else {
          line.append(buffer, start, position - start);
        }
      }
      if (position < limit) {
        position++; // the '\n'
        return finish(line, tooLong);
      }
    }
  }

  private String finish(StringBuilder line, boolean tooLong) {
    int length = line.length();
    if (length > 0 && line.charAt(length - 1) == '\r') {
      line.setLength(--length);
    }
    return tooLong || length > maxChars ? TOO_LONG : line.toString();
  }
}
