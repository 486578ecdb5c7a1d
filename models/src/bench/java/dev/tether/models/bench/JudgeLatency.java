package dev.tether.models.bench;

import dev.tether.core.rules.RuleEngine;
import dev.tether.models.judge.IntentJudge;
import dev.tether.models.judge.JudgeInput;
import dev.tether.models.judge.TokenWindows;
import dev.tether.models.train.CorpusExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latency and memory harness of the on-device judge (single thread, as the agent runs it).
 *
 * <ul>
 *   <li>judge alone (tokenise, windows, encoder, head) on texts of 64/128/256/512 WordPiece tokens
 *       and on a 1 MB payload (the long-payload strategy bounds it);
 *   <li>end to end as the agent decides: rule scan, redaction, judge, over every held-out prompt;
 *   <li>RSS (VmRSS, VmHWM from /proc/self/status) after loading and at the end.
 * </ul>
 *
 * <p>Run: {@code mvn -pl models -am -DskipTests -Pbench verify} (see models/README.md).
 */
public final class JudgeLatency {
  private JudgeLatency() {}

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    Path corpus = Path.of(args.length > 1 ? args[1] : "src/main/resources/dev/tether/models/corpus");
    System.out.println("before load: " + memory());
    long started = System.nanoTime();
    IntentJudge judge = IntentJudge.load();
    System.out.printf(
        Locale.ROOT, "load: %d ms; %s%n", (System.nanoTime() - started) / 1_000_000, memory());

    List<CorpusExample> heldout = CorpusExample.read(corpus.resolve("heldout.jsonl"));
    StringBuilder pool = new StringBuilder();
    for (CorpusExample e : heldout) {
      pool.append(e.prompt()).append('\n');
    }
    for (int tokens : new int[] {64, 128, 256, 512}) {
      String text = textOfTokens(judge, pool.toString(), tokens - 2);
      JudgeInput input = new JudgeInput(text, text.length(), Map.of(), Map.of(), null, null);
      int windows = TokenWindows.select(text, judge.encoder().tokenizer()).size();
      report(
          "judge " + tokens + " tokens (" + windows + (windows == 1 ? " window)" : " windows)"),
          measure(() -> judge.judge(input), iterations));
    }
    String huge = pool.toString().repeat(Math.max(1, 1_000_000 / pool.length() + 1));
    JudgeInput hugeInput = new JudgeInput(huge, huge.length(), Map.of(), Map.of(), null, null);
    report(
        "judge " + huge.length() / 1000 + " kB payload",
        measure(() -> judge.judge(hugeInput), Math.max(50, iterations / 4)));

    RuleEngine rules = RuleEngine.standard();
    int[] next = {0};
    report(
        "end to end (rules + redaction + judge), held-out prompts",
        measure(
            () -> {
              CorpusExample e = heldout.get(next[0]++ % heldout.size());
              judge.judge(
                  JudgeInput.of(e.prompt(), rules.scan(e.prompt()), e.destination(), e.app()));
            },
            Math.max(iterations, heldout.size() * 2)));
    report(
        "end to end, " + huge.length() / 1000 + " kB payload",
        measure(
            () -> judge.judge(JudgeInput.of(huge, rules.scan(huge), null, null)),
            Math.max(20, iterations / 20)));
    System.out.println("end: " + memory());
    judge.close();
  }

  /**
   * The longest whole-word prefix of {@code pool} (cycled) whose tokenisation is at most {@code n}
   * WordPiece tokens, so "128 tokens" means a 128-token sequence with {@code [CLS]} and {@code [SEP]}
   * (one window), not one token over (which would take two windows and double the encoder work).
   */
  private static String textOfTokens(IntentJudge judge, String pool, int n) {
    String[] words = pool.split("\\s+");
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (true) {
      int mark = text.length();
      text.append(words[i++ % words.length]).append(' ');
      if (judge.encoder().tokenizer().tokenize(text).size() > n) {
        text.setLength(mark);
        return text.toString();
      }
    }
  }

  private static long[] measure(Runnable task, int iterations) {
    for (int i = 0; i < Math.max(20, iterations / 4); i++) {
      task.run(); // warm-up
    }
    long[] nanos = new long[iterations];
    for (int i = 0; i < iterations; i++) {
      long t = System.nanoTime();
      task.run();
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static void report(String what, long[] sorted) {
    System.out.printf(
        Locale.ROOT,
        "%-60s n=%4d  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
        what,
        sorted.length,
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }

  private static String memory() throws Exception {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "RSS n/a";
    }
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
        out.add(line.replaceAll("\\s+", " "));
      }
    }
    Runtime rt = Runtime.getRuntime();
    out.add("heap used " + (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024) + " MB");
    return String.join(", ", out);
  }
}
