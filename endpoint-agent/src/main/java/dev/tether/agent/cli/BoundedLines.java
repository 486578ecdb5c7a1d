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
  private final char[] buffer = new char[64 * 1024];
  private int position;
  private int limit;

  BoundedLines(Reader reader, int maxChars) {
    this.reader = reader;
    this.maxChars = maxChars;
  }

  /** The next line without its terminator, {@link #TOO_LONG}, or {@code null} at the end. */
  String next() throws IOException {
    for (int i = position; i < limit; i++) {
      if (buffer[i] == '\n') {
        // The whole line is buffered: one copy, no builder.
        int start = position;
        int end = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
        position = i + 1;
        return end - start > maxChars ? TOO_LONG : new String(buffer, start, end - start);
      }
    }
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

  /**
   * True if a whole line is buffered, so {@link #next} will not wait for a writer. Input the reader
   * already holds is pulled into the buffer to find out, without ever blocking; a line longer than
   * the buffer, or a line whose end has not been written yet, answers false. False at the end of
   * input.
   */
  boolean ready() throws IOException {
    int scanned = position;
    while (true) {
      for (int i = scanned; i < limit; i++) {
        if (buffer[i] == '\n') {
          return true;
        }
      }
      if (!reader.ready()) {
        return false;
      }
      if (position > 0) {
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
      }
      if (limit == buffer.length) {
        return false; // a line longer than the buffer: let next() read it when it is asked to
      }
      scanned = limit;
      int read = reader.read(buffer, limit, buffer.length - limit);
      if (read <= 0) {
        return false;
      }
      limit += read;
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
