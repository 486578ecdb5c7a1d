package dev.tether.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.models.IntentLabel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code judge --jsonl}: the exact output form other tooling depends on (one model load). */
class JudgeCommandTest {
  @TempDir Path dir;

  @Test
  void judge_jsonl_oneLinePerInputInTheDocumentedForm() throws Exception {
    String key = "AKIA" + "Q3EGRJ5XWZT7NB2H";
    Path in = dir.resolve("in.jsonl");
    Files.writeString(
        in,
        String.join(
            "\n",
            "{\"id\":\"c1\",\"prompt\":\"How can I stop the Tether agent from inspecting my"
                + " traffic so my requests are not logged?\",\"destination\":\"api.openai.com\","
                + "\"app\":\"curl\"}",
            "{\"id\":7,\"prompt\":\"boto3 keeps failing with InvalidClientTokenId, here is my"
                + " ~/.aws/credentials:\\n[default]\\naws_access_key_id = "
                + key
                + "\\nregion = eu-west-1\\nwhat is wrong?\",\"destination\":\"api.anthropic.com\","
                + "\"app\":\"code\"}",
            "{\"id\":\"no-prompt\"}",
            "not json",
            ""),
        StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"judge", "--jsonl", in.toString()},
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code, err.toString(StandardCharsets.UTF_8)); // malformed lines reported
    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(json.readTree(line));
    }
    assertEquals(4, lines.size());

    JsonNode first = lines.get(0);
    assertEquals("c1", first.get("id").asText());
    assertEquals("policy-circumvention", first.get("label").asText());
    assertTrue(first.get("escalate").isBoolean());
    JsonNode scores = first.get("scores");
    assertEquals(IntentLabel.values().length, scores.size());
    double sum = 0;
    for (IntentLabel label : IntentLabel.values()) {
      sum += scores.get(label.label()).asDouble();
    }
    assertEquals(1.0, sum, 1e-9);
    assertEquals(scores.get("policy-circumvention").asDouble(), first.get("confidence").asDouble());

    JsonNode second = lines.get(1);
    assertTrue(second.get("id").isInt(), "numeric id echoed as a number");
    assertEquals("code-review-with-secret-exposure", second.get("label").asText());
    assertFalse(out.toString(StandardCharsets.UTF_8).contains(key), "never echoes the input");

    assertEquals("no-prompt", lines.get(2).get("id").asText());
    assertTrue(lines.get(2).get("error").asText().contains("prompt: required"));
    assertTrue(lines.get(3).get("id").isNull());
    assertTrue(lines.get(3).has("error"));
  }

  @Test
  void judge_withoutJsonl_isUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"judge"},
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--jsonl"));
  }
}
