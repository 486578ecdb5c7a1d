package dev.tether.agent.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.tether.agent.pipeline.JudgeModes;
import dev.tether.core.policy.JudgeSettings;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.rules.RuleEngine;
import dev.tether.models.IntentLabel;
import dev.tether.models.judge.IntentJudge;
import dev.tether.models.judge.JudgeInput;
import dev.tether.models.judge.Judgement;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code judge --jsonl FILE|- [--policy FILE]}: the agent's local decision path (rule findings,
 * redaction, on-device judge) over prompts, one output line per input line, in order. Never
 * contacts a server.
 *
 * <p>Input {@code {"id", "prompt", "destination", "app"}} ({@code id} a string or number, echoed as
 * given; {@code destination} and {@code app} optional). Output {@code {"id", "label", "confidence",
 * "escalate", "scores": {label: p, ...}}} where {@code escalate} says what the agent would do: the
 * judge's confidence in the response is below the policy's escalation threshold and the policy
 * allows escalation (not air-gapped). A line that cannot be used gives {@code {"id", "error"}} and
 * exit code 1; errors never quote the input.
 */
final class JudgeCommand {
  static final int MAX_LINE_CHARS = 4 * 1024 * 1024;
  static final String USAGE = "usage: tether-agent judge --jsonl FILE|- [--policy FILE]";

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

  private JudgeCommand() {}

  static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err)
      throws IOException {
    String jsonl = null;
    String policyFile = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if ((arg.equals("--jsonl") || arg.equals("--policy")) && i + 1 < args.size()) {
        String value = args.get(++i);
        if (arg.equals("--jsonl")) {
          jsonl = value;
        } else {
          policyFile = value;
        }
      } else {
        err.println("error: judge: unexpected argument " + arg + "\n" + USAGE);
        return 2;
      }
    }
    if (jsonl == null) {
      err.println("error: judge: --jsonl FILE|- is required\n" + USAGE);
      return 2;
    }
    RuleEngine rules;
    PolicyDocument policy;
    try {
      policy =
          policyFile == null
              ? new PolicyDocument("built-in defaults", List.of(), List.of(), null, null, null)
              : ScanCommand.policy(policyFile);
      rules = policyFile == null ? RuleEngine.standard() : RuleEngine.forPolicy(policy);
    } catch (IOException | RuntimeException e) {
      err.println("error: --policy " + policyFile + ": " + ScanCommand.message(e));
      return 2;
    }
    InputStream in;
    try {
      in = jsonl.equals("-") ? stdin : ScanCommand.open(jsonl);
    } catch (IOException e) {
      err.println("error: --jsonl " + jsonl + ": " + ScanCommand.message(e));
      return 2;
    }
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    try (in;
        IntentJudge judge = IntentJudge.load()) {
      BoundedLines lines =
          new BoundedLines(new InputStreamReader(in, StandardCharsets.UTF_8), MAX_LINE_CHARS);
      boolean errors = false;
      long number = 0;
      for (String line = lines.next(); line != null; line = lines.next()) {
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        String result;
        Line parsed = null;
        try {
          parsed = parse(line);
          result = judgeLine(parsed, rules, policy, judge);
        } catch (IOException | RuntimeException e) {
          errors = true;
          String why =
              e instanceof JsonProcessingException
                  ? "invalid JSON"
                  : e instanceof LineException ? e.getMessage() : e.getClass().getSimpleName();
          Object id = e instanceof LineException le ? le.id : parsed == null ? null : parsed.id;
          result = error(id, "line " + number + ": " + why);
        }
        writer.write(result);
        writer.write('\n');
        writer.flush();
      }
      return errors ? 1 : 0;
    } finally {
      writer.flush();
    }
  }

  private static String judgeLine(
      Line line, RuleEngine rules, PolicyDocument policy, IntentJudge judge) throws IOException {
    JudgeInput input =
        JudgeInput.of(line.prompt, rules.scan(line.prompt), line.destination, line.app);
    Judgement j = judge.judge(input);
    JudgeSettings settings = policy.judge();
    boolean escalate =
        settings.escalationAllowed()
            && JudgeModes.decisionConfidence(policy, j, input.familyCounts())
                < settings.effectiveEscalationThreshold();
    StringWriter buffer = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(buffer)) {
      json.writeStartObject();
      writeId(json, line.id);
      json.writeStringField("label", j.label().label());
      json.writeNumberField("confidence", j.confidence());
      json.writeBooleanField("escalate", escalate);
      json.writeObjectFieldStart("scores");
      for (IntentLabel label : IntentLabel.values()) {
        json.writeNumberField(label.label(), j.scores().get(label));
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    return buffer.toString();
  }

  /** One parsed input line; {@code id} is a string or a number's exact text. */
  private record Line(Object id, String prompt, String destination, String app) {}

  /** A number's exact text, to echo it as given. */
  private record NumberId(String text) {}

  private static Line parse(String line) throws IOException {
    if (line == BoundedLines.TOO_LONG) {
      throw new LineException(null, "longer than " + MAX_LINE_CHARS + " characters, not judged");
    }
    Object id = null;
    String prompt = null;
    String destination = null;
    String app = null;
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new LineException(null, "expected a JSON object {\"id\", \"prompt\", ...}");
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "id" -> {
            if (v == JsonToken.VALUE_STRING) {
              id = p.getText();
            } else if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
              id = new NumberId(p.getText());
            }
          }
          case "prompt" -> prompt = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "destination" -> destination = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "app" -> app = v == JsonToken.VALUE_STRING ? p.getText() : null;
          default -> {}
        }
        p.skipChildren();
      }
      if (p.nextToken() != null) {
        throw new LineException(null, "unexpected content after the JSON object");
      }
    }
    if (id == null) {
      throw new LineException(null, "id: required, a string or a number");
    }
    if (prompt == null) {
      throw new LineException(id, "prompt: required, a string");
    }
    return new Line(id, prompt, destination, app);
  }

  private static String error(Object id, String message) throws IOException {
    StringWriter buffer = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(buffer)) {
      json.writeStartObject();
      writeId(json, id);
      json.writeStringField("error", message);
      json.writeEndObject();
    }
    return buffer.toString();
  }

  private static void writeId(JsonGenerator json, Object id) throws IOException {
    json.writeFieldName("id");
    if (id == null) {
      json.writeNull();
    } else if (id instanceof NumberId n) {
      json.writeNumber(n.text());
    } else {
      json.writeString((String) id);
    }
  }

  private static final class LineException extends IOException {
    private static final long serialVersionUID = 1L;
    final transient Object id;

    LineException(Object id, String message) {
      super(message);
      this.id = id;
    }
  }
}
