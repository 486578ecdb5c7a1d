package dev.tether.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import dev.tether.core.rules.eval.CorpusBuilder;
import dev.tether.core.rules.eval.Sample;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The corpus steps of core/bench/compare-secretlint.sh.
 *
 * <pre>
 * export DIR [COPIES]
 *              writes DIR/corpus.jsonl (with labels), DIR/input.jsonl ({"id","text"} only, the scan
 *              CLI's input) and DIR/samples/ID.txt (one file per sample, for secretlint); with
 *              COPIES &gt; 1, input.jsonl and samples/ also hold copies ID~1 .. ID~(COPIES-1), so
 *              wall times are not dominated by start-up (scoring ignores the copies)
 * scan IN OUT  scans IN (input.jsonl) with RuleEngine.standard() and writes OUT in the scan CLI's
 *              --jsonl output form; prints the in-process scan time to stderr
 * </pre>
 */
public final class Harness {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Harness() {}

  public static void main(String[] args) throws IOException {
    if ((args.length == 2 || args.length == 3) && args[0].equals("export")) {
      export(Path.of(args[1]), args.length == 3 ? Integer.parseInt(args[2]) : 1);
    } else if (args.length == 3 && args[0].equals("scan")) {
      scan(Path.of(args[1]), Path.of(args[2]));
    } else {
      System.err.println(
          "usage: Harness export DIR [COPIES] | Harness scan INPUT.jsonl OUTPUT.jsonl");
      System.exit(2);
    }
  }

  static void export(Path dir, int copies) throws IOException {
    List<Sample> corpus = CorpusBuilder.standard().build();
    CorpusBuilder.writeJsonl(corpus, dir.resolve("corpus.jsonl"));
    Path samples = dir.resolve("samples");
    Files.createDirectories(samples);
    long chars = 0;
    try (BufferedWriter input =
        Files.newBufferedWriter(dir.resolve("input.jsonl"), StandardCharsets.UTF_8)) {
      for (int copy = 0; copy < copies; copy++) {
        for (Sample s : corpus) {
          String id = copy == 0 ? s.id() : s.id() + "~" + copy;
          ObjectNode line = JSON.createObjectNode().put("id", id).put("text", s.text());
          input.write(JSON.writeValueAsString(line));
          input.write('\n');
          Files.writeString(samples.resolve(id + ".txt"), s.text(), StandardCharsets.UTF_8);
          chars += s.text().length();
        }
      }
    }
    System.err.printf(
        Locale.ROOT,
        "exported %d samples x %d copies (%d chars) to %s%n",
        corpus.size(),
        copies,
        chars,
        dir);
  }

  static void scan(Path in, Path out) throws IOException {
    List<String> lines = Files.readAllLines(in, StandardCharsets.UTF_8);
    RuleEngine engine = RuleEngine.standard();
    long started = System.nanoTime();
    long chars = 0;
    try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (String line : lines) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = JSON.readTree(line);
        String text = node.get("text").asText();
        chars += text.length();
        ObjectNode result = JSON.createObjectNode();
        result.set("id", node.get("id"));
        ArrayNode findings = result.putArray("findings");
        for (Finding f : engine.scan(text)) {
          findings
              .addObject()
              .put("type", f.type())
              .put("start", f.start())
              .put("end", f.end())
              .put("severity", f.severity().name())
              .put("confidence", f.confidence());
        }
        writer.write(JSON.writeValueAsString(result));
        writer.write('\n');
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.err.printf(
        Locale.ROOT,
        "scanned %d samples (%d chars) in %.3f s in-process%n",
        lines.size(),
        chars,
        seconds);
  }
}
