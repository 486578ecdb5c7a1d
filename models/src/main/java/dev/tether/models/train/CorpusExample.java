package dev.tether.models.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.models.IntentLabel;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One labelled corpus line: {@code {"id","label","prompt","destination","app"}}.
 *
 * @param id unique id
 * @param label the intent
 * @param prompt the text a developer sent
 * @param destination the AI host, or {@code null}
 * @param app the sending application, or {@code null}
 */
public record CorpusExample(
    String id, IntentLabel label, String prompt, String destination, String app) {
  public CorpusExample {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(prompt, "prompt");
  }

  /** Longest corpus file read. */
  static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

  /**
   * Reads a JSONL corpus file (blank lines skipped).
   *
   * @throws IOException naming the file and line of a malformed or unlabelled example
   */
  public static List<CorpusExample> read(Path file) throws IOException {
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IOException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
    }
    ObjectMapper json = new ObjectMapper();
    List<CorpusExample> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode n = json.readTree(line);
          out.add(
              new CorpusExample(
                  text(n, "id"),
                  IntentLabel.fromLabel(text(n, "label")),
                  text(n, "prompt"),
                  n.hasNonNull("destination") ? n.get("destination").asText() : null,
                  n.hasNonNull("app") ? n.get("app").asText() : null));
        } catch (RuntimeException | IOException e) {
          throw new IOException(file + ":" + lineNo + ": " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("\"" + key + "\": expected a string");
    }
    return v.asText();
  }
}
