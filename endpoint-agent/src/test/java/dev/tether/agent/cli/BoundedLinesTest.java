package dev.tether.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {

  /** A reader that hands out its chunks one read at a time, like a pipe a writer fills slowly. */
  private static final class ChunkedReader extends Reader {
    private final Deque<String> chunks;

    ChunkedReader(List<String> chunks) {
      this.chunks = new ArrayDeque<>(chunks);
    }

    @Override
    public int read(char[] buf, int off, int len) {
      String chunk = chunks.poll();
      if (chunk == null) {
        return -1;
      }
      int n = Math.min(len, chunk.length());
      chunk.getChars(0, n, buf, off);
      if (n < chunk.length()) {
        chunks.addFirst(chunk.substring(n));
      }
      return n;
    }

    @Override
    public boolean ready() {
      return !chunks.isEmpty();
    }

    @Override
    public void close() {}
  }

  @Test
  void ready_falseWhileOnlyPartOfTheNextLineHasArrived() throws IOException {
    // The first read returns a whole line; half of the next line is then waiting in the reader.
    BoundedLines lines =
        new BoundedLines(new ChunkedReader(List.of("first\n", "{\"id\": 2, ")), 1000);
    assertThat(lines.next()).isEqualTo("first");
    assertThat(lines.ready()).as("the next line has no end yet").isFalse();
    // The rest of the line is only known once the writer wrote it: next() still joins the parts.
    BoundedLines joined =
        new BoundedLines(new ChunkedReader(List.of("first\n", "{\"id\": 2, ", "\"x\"}\n")), 1000);
    assertThat(joined.next()).isEqualTo("first");
    assertThat(joined.ready()).as("both parts are held by the reader").isTrue();
    assertThat(joined.next()).isEqualTo("{\"id\": 2, \"x\"}");
    assertThat(joined.ready()).isFalse();
    assertThat(joined.next()).isNull();
  }

  @Test
  void ready_trueForBufferedLines_andLinesSurviveBufferCompaction() throws IOException {
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      input.append("line ").append(i).append("\r\n");
    }
    BoundedLines lines = new BoundedLines(new StringReader(input.toString()), 100);
    for (int i = 0; i < 5000; i++) {
      if (i > 0) {
        assertThat(lines.ready()).as("before line %d", i).isTrue();
      }
      assertThat(lines.next()).isEqualTo("line " + i);
    }
    assertThat(lines.next()).isNull();
  }

  @Test
  void tooLongLines_skippedAndReported_evenWhenLongerThanTheBuffer() throws IOException {
    String longLine = "y".repeat(200_000);
    BoundedLines lines = new BoundedLines(new StringReader("a\n" + longLine + "\nb\n"), 1000);
    assertThat(lines.next()).isEqualTo("a");
    assertThat(lines.ready()).isFalse(); // the long line fills the buffer without an end
    assertThat(lines.next()).isSameAs(BoundedLines.TOO_LONG);
    assertThat(lines.next()).isEqualTo("b");
    assertThat(lines.next()).isNull();
  }
}
