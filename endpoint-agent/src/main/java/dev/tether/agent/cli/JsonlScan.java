package dev.tether.agent.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scan --jsonl}: one output line per input line, in order. Input {@code {"id": ..., "text":
 * ...}} (id a string or a number, echoed exactly as given; other members ignored); output {@code
 * {"id": ..., "findings": [{"type", "start", "end", "severity", "confidence", "detectorId"}]}} with
 * offsets into {@code text} as Java string indices, and {@code "value"} only with {@code
 * --show-values}. A line that cannot be used gives {@code {"id": ..., "error": "..."}}: {@code id}
 * is {@code null} unless the line was valid JSON with a valid id. Output is ASCII (non-ASCII is
 * escaped); error messages never quote the input.
 */
final class JsonlScan {
  /** Longest input line accepted. */
  static final int MAX_LINE_CHARS = 4 * 1024 * 1024;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(MAX_LINE_CHARS)
                  .maxNestingDepth(32)
                  .maxNumberLength(64)
                  .build())
          .build();

  /** Lines read ahead and scanned together, at most (only lines the input already holds). */
  static final int MAX_BATCH_LINES = 256;

  /** Characters read ahead, at most, plus one line. */
  static final int MAX_BATCH_CHARS = 8 * 1024 * 1024;

  private final RuleEngine engine;
  private final boolean showValues;
  private final int threads;

  JsonlScan(RuleEngine engine, boolean showValues) {
    this(engine, showValues, 1);
  }

  /** Scans with {@code threads} threads (>= 1); output order is the input order either way. */
  JsonlScan(RuleEngine engine, boolean showValues, int threads) {
    this.engine = engine;
    this.showValues = showValues;
    this.threads = threads;
  }

  /**
   * Scans every line of {@code in}; returns 1 if any line was an error, else 0. Lines are read
   * ahead only while {@code in} is ready (at most {@value #MAX_BATCH_LINES} lines and about {@value
   * #MAX_BATCH_CHARS} characters), scanned on {@code threads} threads and written in order; output
   * is flushed whenever the input has nothing more ready, so a caller that writes one line and
   * waits for its answer gets it.
   */
  int run(Reader in, Writer out) throws IOException {
    BoundedLines lines = new BoundedLines(in, MAX_LINE_CHARS);
    boolean errors = false;
    long number = 0;
    List<String> batch = new ArrayList<>();
    try (LineWorkers workers = new LineWorkers(threads)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        if (number == 0 && line.startsWith("\uFEFF")) {
          line = line.substring(1); // a UTF-8 byte order mark, as some editors write
        }
        batch.clear();
        batch.add(line);
        long chars = line.length();
        while (batch.size() < MAX_BATCH_LINES && chars < MAX_BATCH_CHARS && lines.ready()) {
          String more = lines.next();
          if (more == null) {
            break;
          }
          batch.add(more);
          chars += more.length();
        }
        String[] results = new String[batch.size()];
        boolean[] failed = new boolean[batch.size()];
        long first = number + 1;
        workers.forEach(
            batch.size(),
            i -> {
              try {
                results[i] = scanLine(batch.get(i), first + i);
              } catch (LineException e) {
                failed[i] = true;
                results[i] = error(e.rawId, "line " + (first + i) + ": " + e.getMessage());
              } catch (IOException | RuntimeException e) {
                // A detector failure costs this line only; the message names the class, not the
                // input.
                failed[i] = true;
                results[i] =
                    error(
                        null,
                        "line "
                            + (first + i)
                            + ": scan failed ("
                            + e.getClass().getSimpleName()
                            + ")");
              }
            });
        number += batch.size();
        for (int i = 0; i < results.length; i++) {
          errors |= failed[i];
          out.write(results[i]);
          out.write('\n');
        }
        if (!lines.ready()) {
          out.flush();
        }
      }
    }
    out.flush();
    return errors ? 1 : 0;
  }

  private String scanLine(String line, long number) throws IOException {
    if (line == BoundedLines.TOO_LONG) {
      throw new LineException(null, "longer than " + MAX_LINE_CHARS + " characters, not scanned");
    }
    if (line.isBlank()) {
      throw new LineException(null, "empty line, expected {\"id\": ..., \"text\": ...}");
    }
    Input input = parse(line);
    StringWriter buffer = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(buffer)) {
      json.writeStartObject();
      writeId(json, input.rawId);
      json.writeArrayFieldStart("findings");
      for (Finding finding : engine.scan(input.text)) {
        json.writeStartObject();
        json.writeStringField("type", finding.type());
        json.writeNumberField("start", finding.start());
        json.writeNumberField("end", finding.end());
        json.writeStringField("severity", finding.severity().name());
        json.writeNumberField("confidence", finding.confidence());
        json.writeStringField("detectorId", finding.detectorId());
        if (showValues) {
          json.writeStringField("value", input.text.substring(finding.start(), finding.end()));
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return buffer.toString();
  }

  /** An id as given: a string, or a number's exact text. */
  private record RawId(String string, String number) {}

  private record Input(RawId rawId, String text) {}

  private static Input parse(String line) throws IOException {
    RawId id = null;
    String text = null;
    String problem = null;
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new LineException(null, "expected a JSON object {\"id\": ..., \"text\": ...}");
      }
      for (JsonToken token = parser.nextToken();
          token == JsonToken.FIELD_NAME;
          token = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("id")) {
          if (value == JsonToken.VALUE_STRING) {
            id = new RawId(parser.getText(), null);
          } else if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            id = new RawId(null, parser.getText());
          } else {
            problem = "id: expected a string or a number, got " + describe(value);
          }
        } else if (name.equals("text")) {
          if (value == JsonToken.VALUE_STRING) {
            text = parser.getText();
          } else {
            problem = "text: expected a string, got " + describe(value);
          }
        }
        parser.skipChildren();
      }
      if (parser.nextToken() != null) {
        throw new LineException(null, "unexpected content after the JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new LineException(
          null, "invalid JSON at column " + e.getLocation().getColumnNr() + ": " + kind(e));
    }
    if (problem == null && id == null) {
      problem = "id: required";
    }
    if (problem == null && text == null) {
      problem = "text: required";
    }
    if (problem != null) {
      throw new LineException(id, problem);
    }
    return new Input(id, text);
  }

  private static String error(RawId id, String message) {
    StringWriter buffer = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(buffer)) {
      json.writeStartObject();
      writeId(json, id);
      json.writeStringField("error", message);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a StringWriter", e); // cannot happen
    }
    return buffer.toString();
  }

  private static void writeId(JsonGenerator json, RawId id) throws IOException {
    json.writeFieldName("id");
    if (id == null) {
      json.writeNull();
    } else if (id.string() != null) {
      json.writeString(id.string());
    } else {
      json.writeNumber(id.number());
    }
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case VALUE_NULL -> "null";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> "a " + token.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** The kind of syntax error, never the offending input (it may be a secret). */
  private static String kind(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (message.contains("end-of-input") || message.contains("EOF")) {
      return "unexpected end of line";
    }
    if (message.contains("Duplicate field")) {
      return "duplicate member";
    }
    if (message.contains("exceeds") || message.contains("constraint")) {
      return "too large or too deep";
    }
    return "unexpected character";
  }

  private static final class LineException extends IOException {
    final transient RawId rawId;

    LineException(RawId rawId, String message) {
      super(message);
      this.rawId = rawId;
    }
  }
}
