package dev.tether.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.rules.RuleEngine;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --jsonl} on several threads: the output is the single-threaded output, line for line;
 * read-ahead never waits for input the caller has not written; input size is known only for regular
 * files.
 */
class ParallelJsonlScanTest {
  private static final RuleEngine ENGINE = RuleEngine.standard();

  private static String input(int lines) {
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      String text =
          switch (i % 4) {
            case 0 -> "key " + ScanCommandTest.AWS_KEY + " line " + i;
            case 1 -> "card 4111 1111 1111 1111 and nothing else";
            case 2 -> "plain words only";
            default -> "password = \"Tr0ub4dor&3-" + i + "\"";
          };
      in.append(i % 10 == 7 ? "{broken json" : "{\"id\": " + i + ", \"text\": \"" + text + "\"}");
      in.append('\n');
    }
    return in.toString();
  }

  @Test
  void run_manyThreads_sameOutputAsOneThread() throws Exception {
    String in = input(2_000);
    StringWriter one = new StringWriter();
    StringWriter many = new StringWriter();
    int exitOne = new JsonlScan(ENGINE, false, 1).run(new StringReader(in), one);
    int exitMany = new JsonlScan(ENGINE, false, 4).run(new StringReader(in), many);
    assertThat(exitMany).isEqualTo(exitOne).isEqualTo(1);
    assertThat(many.toString()).isEqualTo(one.toString());
    assertThat(one.toString().split("\n")).hasSize(2_000);
    assertThat(one.toString()).contains("\"line 8: invalid JSON");
  }

  @Test
  void run_answersEachLineBeforeTheNextIsWritten() throws Exception {
    PipedWriter toScan = new PipedWriter();
    PipedReader in = new PipedReader(toScan, 1 << 16);
    BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    Writer out =
        new Writer() {
          private final StringBuilder pending = new StringBuilder();

          @Override
          public void write(char[] buf, int off, int len) {
            pending.append(buf, off, len);
          }

          @Override
          public void flush() {
            for (int nl = pending.indexOf("\n"); nl >= 0; nl = pending.indexOf("\n")) {
              answers.add(pending.substring(0, nl));
              pending.delete(0, nl + 1);
            }
          }

          @Override
          public void close() {}
        };
    CompletableFuture<Integer> scan =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new JsonlScan(ENGINE, false, 4).run(in, out);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    for (int i = 0; i < 20; i++) {
      // A whole line, then half of the next: the answer to the whole one must come out.
      toScan.write("{\"id\": " + i + ", \"text\": \"key " + ScanCommandTest.AWS_KEY + "\"}\n");
      toScan.write("{\"id\": " + (i + 1000) + ", ");
      toScan.flush();
      String answer = answers.poll(30, TimeUnit.SECONDS);
      assertThat(answer).as("answer to line %d", i).startsWith("{\"id\":" + i + ",");
      toScan.write("\"text\": \"x\"}\n");
      toScan.flush();
      assertThat(answers.poll(30, TimeUnit.SECONDS)).startsWith("{\"id\":" + (i + 1000) + ",");
    }
    toScan.close();
    assertThat(scan.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void lineWorkers_everyIndexOnce_andFailuresRethrown() {
    try (LineWorkers workers = new LineWorkers(4)) {
      for (int count : new int[] {0, 1, 7, 8, 1_000}) {
        AtomicIntegerArray seen = new AtomicIntegerArray(count);
        workers.forEach(count, seen::incrementAndGet);
        for (int i = 0; i < count; i++) {
          assertThat(seen.get(i)).as("index %d of %d", i, count).isEqualTo(1);
        }
      }
      assertThatThrownBy(
              () ->
                  workers.forEach(
                      100,
                      i -> {
                        if (i == 57) {
                          throw new IllegalStateException("boom");
                        }
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("boom");
    }
    assertThatThrownBy(() -> new LineWorkers(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inputBytes_knownOnlyForRegularFiles(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("a.txt"), "12345");
    Path b = Files.writeString(dir.resolve("b.txt"), "123");
    String missing = dir.resolve("missing").toString();
    assertThat(ScanCommand.inputBytes(a.toString(), List.of())).isEqualTo(5);
    assertThat(ScanCommand.inputBytes(null, List.of(a.toString(), b.toString(), missing)))
        .isEqualTo(8);
    assertThat(ScanCommand.inputBytes("-", List.of())).isEqualTo(-1);
    assertThat(ScanCommand.inputBytes(null, List.of())).isEqualTo(-1);
    assertThat(ScanCommand.inputBytes(null, new ArrayList<>(List.of(a.toString(), "-"))))
        .isEqualTo(-1);
    assertThat(ScanCommand.inputBytes(null, List.of(dir.toString()))).isEqualTo(-1);
    assertThat(ScanCompilation.quickCompileFor(-1)).isFalse();
    assertThat(ScanCompilation.quickCompileFor(5)).isTrue();
    assertThat(ScanCompilation.quickCompileFor(ScanCompilation.QUICK_COMPILE_MAX_BYTES + 1))
        .isFalse();
  }
}
