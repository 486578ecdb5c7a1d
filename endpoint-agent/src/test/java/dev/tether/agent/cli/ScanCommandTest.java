package dev.tether.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scan command end to end through {@link Main}: arguments and stdin in, stdout and exit out.
 */
class ScanCommandTest {
  static final String AWS_KEY = "AKIA" + "Q3EGRJ5XWZT7NB2H";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  record Run(int exit, String out, String err) {
    List<JsonNode> lines() throws Exception {
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : out.split("\n")) {
        nodes.add(JSON.readTree(line));
      }
      return nodes;
    }
  }

  static Run scan(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] full = new String[args.length + 1];
    full[0] = "scan";
    System.arraycopy(args, 0, full, 1, args.length);
    int exit =
        Main.run(
            full,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void jsonl_oneLineOutPerLineIn_inOrder_withJavaStringOffsets() throws Exception {
    String input =
        String.join(
                "\n",
                "{\"id\": \"a\", \"text\": \"key " + AWS_KEY + "\"}",
                "{\"id\": 7, \"text\": \"nothing to see\", \"label\": \"negative\"}",
                "{\"text\": \"\\ud83d\\ude00 \\u00e9 " + AWS_KEY + "\", \"id\": 1.50}",
                "{\"id\": \"escaped\", \"text\": \"{\\\"k\\\":\\\"\\\\u0041KIA"
                    + AWS_KEY.substring(4)
                    + "\\\"}\"}")
            + "\n";
    Run run = scan(input, "--jsonl", "-");

    assertEquals(0, run.exit(), run.err());
    List<JsonNode> lines = run.lines();
    assertEquals(4, lines.size(), run.out());
    assertEquals("\"a\"", lines.get(0).get("id").toString());
    JsonNode finding = lines.get(0).get("findings").get(0);
    assertEquals("aws-access-key", finding.get("type").asText());
    assertEquals(4, finding.get("start").asInt());
    assertEquals(24, finding.get("end").asInt());
    assertEquals("CRITICAL", finding.get("severity").asText());
    assertTrue(finding.get("confidence").isNumber());
    assertEquals("aws-access-key-id", finding.get("detectorId").asText());
    assertFalse(finding.has("value"), "no value without --show-values");
    assertEquals("{\"id\":7,\"findings\":[]}", run.out().split("\n")[1]);
    assertTrue(run.out().split("\n")[2].startsWith("{\"id\":1.50,"), "id echoed as given");
    assertEquals(5, lines.get(2).get("findings").get(0).get("start").asInt(), "UTF-16 offsets");
    JsonNode escaped = lines.get(3).get("findings").get(0);
    assertEquals(6, escaped.get("start").asInt(), "span covers the \\u0041 escape");
    assertEquals(6 + 6 + 3 + 16, escaped.get("end").asInt());
    assertFalse(run.out().contains(AWS_KEY.substring(4)), "values never printed");
  }

  @Test
  void jsonl_malformedLines_eachGetAnErrorLine_andExitOne() throws Exception {
    String tooLong = "{\"id\":1,\"text\":\"" + "a".repeat(JsonlScan.MAX_LINE_CHARS) + "\"}";
    String input =
        String.join(
            "\n",
            "{\"id\": 1, \"text\": \"fine\"}",
            "{not json " + AWS_KEY,
            "",
            "{\"id\": 2}",
            "{\"id\": true, \"text\": \"x\"}",
            "[1, 2]",
            tooLong,
            "{\"id\": \"a\", \"id\": \"b\", \"text\": \"x\"}",
            "{\"id\": 3, \"text\": \"after the errors " + AWS_KEY + "\"}");
    Run run = scan(input, "--jsonl", "-");

    assertEquals(1, run.exit());
    List<JsonNode> lines = run.lines();
    assertEquals(9, lines.size(), run.out());
    assertEquals("[]", lines.get(0).get("findings").toString());
    for (int i : new int[] {1, 2, 4, 5, 6, 7}) {
      assertTrue(lines.get(i).get("id").isNull(), "line " + (i + 1) + ": " + lines.get(i));
      assertTrue(lines.get(i).get("error").asText().startsWith("line " + (i + 1) + ": "));
    }
    assertEquals(2, lines.get(3).get("id").asInt(), "valid JSON with an id keeps its id");
    assertEquals("line 4: text: required", lines.get(3).get("error").asText());
    assertTrue(lines.get(6).get("error").asText().contains("longer than"));
    assertEquals(1, lines.get(8).get("findings").size(), "scanning continues after errors");
    assertFalse(run.out().contains(AWS_KEY), "error messages never quote the input");
  }

  @Test
  void jsonl_showValues_addsTheValue() throws Exception {
    Run run = scan("{\"id\":\"x\",\"text\":\"k=" + AWS_KEY + "\"}\n", "--jsonl=-", "--show-values");
    assertEquals(AWS_KEY, run.lines().get(0).get("findings").get(0).get("value").asText());
  }

  @Test
  void jsonl_fromFileWithByteOrderMarkAndCrLf() throws Exception {
    Path file = dir.resolve("corpus.jsonl");
    Files.writeString(file, "\uFEFF{\"id\":\"f\",\"text\":\"" + AWS_KEY + "\"}\r\n");
    Run run = scan("", "--jsonl", file.toString());
    assertEquals(0, run.exit(), run.err());
    assertEquals(0, run.lines().get(0).get("findings").get(0).get("start").asInt());
  }

  @Test
  void report_masksValuesAndGivesLineAndColumn() throws Exception {
    Path file = dir.resolve("config.env");
    Files.writeString(file, "# settings\nREGION=eu\n  AWS_ID=" + AWS_KEY + "\n");
    Run run = scan("", file.toString());
    assertEquals(1, run.exit());
    assertTrue(
        run.out().startsWith(file + ":3:10 aws-access-key CRITICAL "),
        "file:line:col type severity confidence: " + run.out());
    assertTrue(run.out().contains("AKIA****\u2026"), run.out());
    assertFalse(run.out().contains(AWS_KEY));

    Run shown = scan("", "--show-values", file.toString());
    assertTrue(shown.out().contains(AWS_KEY));
  }

  static Stream<Arguments> exitCodes() throws Exception {
    Path clean = Files.writeString(dir.resolve("clean.txt"), "nothing secret here\n");
    Path dirty = Files.writeString(dir.resolve("dirty.txt"), "id " + AWS_KEY);
    Path badPolicy = Files.writeString(dir.resolve("bad-policy.json"), "{\"name\": \"\"}");
    Path policy =
        Files.writeString(
            dir.resolve("policy.json"),
            "{\"name\": \"Test\", \"aiDestinations\": [], \"blockedHosts\": [],"
                + " \"detectorModes\": {}, \"defaultMode\": \"ALLOW\", \"bundleLifetime\": \"P1D\"}");
    return Stream.of(
        Arguments.of("clean file: 0", "", new String[] {clean.toString()}, 0),
        Arguments.of("finding: 1 (pre-commit hook fails)", "", new String[] {dirty.toString()}, 1),
        Arguments.of(
            "clean and dirty: 1", "", new String[] {clean.toString(), dirty.toString()}, 1),
        Arguments.of("stdin by default", "key " + AWS_KEY, new String[] {}, 1),
        Arguments.of("stdin as -", "hello", new String[] {"-"}, 0),
        Arguments.of(
            "missing file: 2, others still scanned",
            "",
            new String[] {dir.resolve("nope").toString(), clean.toString()},
            2),
        Arguments.of("a directory: 2", "", new String[] {dir.toString()}, 2),
        Arguments.of("unknown option: 2", "", new String[] {"--bogus"}, 2),
        Arguments.of("--jsonl without a file: 2", "", new String[] {"--jsonl"}, 2),
        Arguments.of(
            "--jsonl with extra files: 2", "", new String[] {"--jsonl", "-", clean.toString()}, 2),
        Arguments.of(
            "--jsonl missing file: 2",
            "",
            new String[] {"--jsonl", dir.resolve("no").toString()},
            2),
        Arguments.of(
            "invalid policy: 2",
            "",
            new String[] {"--policy", badPolicy.toString(), clean.toString()},
            2),
        Arguments.of(
            "valid policy, dirty file: 1",
            "",
            new String[] {"--policy", policy.toString(), dirty.toString()},
            1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exitCodes")
  void scan_exitCodes(String note, String stdin, String[] args, int expected) {
    Run run = scan(stdin, args);
    assertEquals(expected, run.exit(), note + "\nout: " + run.out() + "\nerr: " + run.err());
  }

  @Test
  void jsonl_withPolicy_reportsThePolicysMarkers() throws Exception {
    Path policy =
        Files.writeString(
            dir.resolve("markers-policy.json"),
            "{\"name\": \"Markers\", \"bundleLifetime\": \"P1D\","
                + " \"tradeSecrets\": {\"markers\": [\"ACME CONFIDENTIAL\"]}}");
    String line = "{\"id\":1,\"text\":\"header: acme confidential, do not share\"}\n";

    Run without = scan(line, "--jsonl", "-");
    Run with = scan(line, "--jsonl", "-", "--policy", policy.toString());

    assertEquals("[]", without.lines().get(0).get("findings").toString());
    JsonNode finding = with.lines().get(0).get("findings").get(0);
    assertEquals("confidential-marker", finding.get("type").asText(), with.out() + with.err());
    assertEquals(8, finding.get("start").asInt());
    assertEquals(25, finding.get("end").asInt());
  }

  @Test
  void report_invalidPolicy_namesTheKey() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad-policy-2.json"), "{\"name\": \" \"}");
    Run run = scan("", "--policy", bad.toString(), "-");
    assertTrue(run.err().contains("policy.name"), run.err());
  }

  @Test
  void mask_showsAQuarterAtMostFourCharacters() {
    assertEquals("ghp_****\u2026", ScanCommand.mask("ghp_abcdefghijklmnopqrstuvwxyz0123456789"));
    assertEquals("12****\u2026", ScanCommand.mask("123-45-6789"));
    assertEquals("****\u2026", ScanCommand.mask("abc"));
    assertEquals("---\\n****\u2026", ScanCommand.mask("---\n" + "x".repeat(40)));
  }
}
