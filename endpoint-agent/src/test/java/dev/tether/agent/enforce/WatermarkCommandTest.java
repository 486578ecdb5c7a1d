package dev.tether.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatermarkCommandTest {
  static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

  int run(String input, ByteArrayOutputStream out) throws Exception {
    return WatermarkCommand.run(
        List.of("-"),
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void leakedTextWithMarker_printsDecisionIdAndExitsZero() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String leaked = "posted on a forum: our plan " + WatermarkCodec.encode(ID) + "is to ship";
    assertEquals(0, run(leaked, out));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.startsWith("decision " + ID + "\nfingerprint simhash64:"), printed);
  }

  @Test
  void textWithoutMarker_exitsOneWithFingerprint() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(1, run("nothing hidden here", out));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("fingerprint simhash64:"));
  }
}
