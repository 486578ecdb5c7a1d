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
import java.io.Writer;

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

  private final RuleEngine engine;
  private final boolean showValues;

  JsonlScan(RuleEngine engine, boolean showValues) {
    this.engine = engine;
    this.showValues = showValues;
  }

  /** Scans every line of {@code in}; returns 1 if any line was an error, else 0. */
  int run(Reader in, Writer out) throws IOException {
    BoundedLines lines = new BoundedLines(in, MAX_LINE_CHARS);
    boolean errors = false;
    long number = 0;
    for (String line = lines.next(); line != null; line = lines.next()) {
      number++;
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1); // a UTF-8 byte order mark, as some editors write
      }
      String result;
      try {
        result = scanLine(line, number);
      } catch (LineException e) {
        errors = true;
        result = error(e.rawId, "line " + number + ": " + e.getMessage());
      } catch (RuntimeException e) {
        // A detector failure costs this line only; the message names the class, not the input.
        errors = true;
        result =
            error(null, "line " + number + ": scan failed (" + e.getClass().getSimpleName() + ")");
      }
      out.write(result);
      out.write('\n');
      out.flush();
    }
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

  private static String error(RawId id, String message) throws IOException {
    StringWriter buffer = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(buffer)) {
      json.writeStartObject();
      writeId(json, id);
      json.writeStringField("error", message);
      json.writeEndObject();
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
