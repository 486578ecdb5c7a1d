package dev.tether.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a JMH JSON result file ({@code -rf json -rff FILE}) into the MB/s table of RESULTS.md: for
 * each benchmark and parameter set, the mean time per scan, throughput in MB/s (1 MB = 2^20 chars)
 * and milliseconds per MB (equal at 64 KB and 1 MB when scanning is linear).
 */
public final class BenchReport {
  private BenchReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: BenchReport JMH-RESULT.json");
      System.exit(2);
    }
    JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    System.out.printf(
        Locale.ROOT,
        "| %-24s | %-18s | %9s | %12s | %9s | %9s |%n",
        "benchmark",
        "input",
        "size",
        "us/scan",
        "MB/s",
        "ms per MB");
    System.out.println("|---|---|---:|---:|---:|---:|");
    for (JsonNode r : results) {
      String name = r.get("benchmark").asText();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      name = name.substring(0, name.indexOf('.'));
      JsonNode params = r.path("params");
      int size = params.get("size").asInt();
      String kind = params.get("kind").asText();
      double micros = r.path("primaryMetric").path("score").asDouble();
      double error = r.path("primaryMetric").path("scoreError").asDouble();
      double mb = size / (1024.0 * 1024.0);
      System.out.printf(
          Locale.ROOT,
          "| %-24s | %-18s | %9s | %7.1f ± %4.1f | %9.1f | %9.2f |%n",
          name,
          kind,
          size >= 1 << 20 ? (size >> 20) + " MB" : (size >> 10) + " KB",
          micros,
          Double.isNaN(error) ? 0.0 : error,
          mb / (micros / 1e6),
          micros / 1e3 / mb);
    }
  }
}
