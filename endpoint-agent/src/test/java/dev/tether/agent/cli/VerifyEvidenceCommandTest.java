package dev.tether.agent.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.evidence.EvidencePackageWriter;
import dev.tether.core.audit.log.Checkpoint;
import dev.tether.core.audit.log.NoteSigner;
import dev.tether.core.crypto.Ed25519KeyPair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code tether-agent verify-evidence} end to end through the CLI entry point. */
class VerifyEvidenceCommandTest {
  static final String ORIGIN = "tether.test/audit-log";
  static final NoteSigner SIGNER = new NoteSigner(ORIGIN, Ed25519KeyPair.generate());
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  Path good() throws Exception {
    Path zip = dir.resolve("evidence.zip");
    try (OutputStream file = Files.newOutputStream(zip)) {
      EvidencePackageWriter writer = new EvidencePackageWriter(file);
      writer.add("control-mapping.md", "# mapping\n");
      writer.add("decisions/records.csv", "occurred_at,mode\r\n2026-01-01T00:00:00Z,BLOCK\r\n");
      writer.add("audit-log/checkpoint.txt", SIGNER.sign(new Checkpoint(ORIGIN, 9, new byte[32])));
      writer.finish(
          "acme",
          Instant.parse("2026-01-01T00:00:00Z"),
          Instant.parse("2026-02-01T00:00:00Z"),
          Instant.parse("2026-02-01T00:00:01Z"),
          9,
          SIGNER);
    }
    return zip;
  }

  int run(String... args) {
    out.reset();
    err.reset();
    return Main.run(
        args, new ByteArrayInputStream(new byte[0]), new PrintStream(out), new PrintStream(err));
  }

  @Test
  void verifyEvidence_untouched_exit0() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("key"), SIGNER.verifierKey().encode() + "\n");
    assertEquals(0, run("verify-evidence", "--key-file", keyFile.toString(), good().toString()));
    assertTrue(out.toString(UTF_8).startsWith("OK: 3 files verified; tenant acme"), out.toString());
  }

  static Stream<Arguments> tamperings() {
    return Stream.of(
        Arguments.of(
            "modified file",
            (UnaryOperator<Map<String, byte[]>>)
                m -> {
                  m.put(
                      "decisions/records.csv",
                      "occurred_at,mode\r\n2026-01-01T00:00:00Z,ALLOW\r\n".getBytes(UTF_8));
                  return m;
                },
            "decisions/records.csv: modified"),
        Arguments.of(
            "missing file",
            (UnaryOperator<Map<String, byte[]>>)
                m -> {
                  m.remove("control-mapping.md");
                  return m;
                },
            "control-mapping.md: listed but missing"),
        Arguments.of(
            "extra file",
            (UnaryOperator<Map<String, byte[]>>)
                m -> {
                  m.put("decisions/extra.csv", "x".getBytes(UTF_8));
                  return m;
                },
            "decisions/extra.csv: present but not listed"),
        Arguments.of(
            "bad signature",
            (UnaryOperator<Map<String, byte[]>>)
                m -> {
                  String note = new String(m.get("MANIFEST"), UTF_8);
                  int sig = note.lastIndexOf(' ') + 1;
                  char c = note.charAt(sig + 10);
                  m.put(
                      "MANIFEST",
                      (note.substring(0, sig + 10)
                              + (c == 'A' ? 'B' : 'A')
                              + note.substring(sig + 11))
                          .getBytes(UTF_8));
                  return m;
                },
            "MANIFEST: signed note: signature by tether.test/audit-log does not verify"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperings")
  void verifyEvidence_tampered_exit1NamingTheFile(
      String note, UnaryOperator<Map<String, byte[]>> change, String expected) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(good().toFile())) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        try (InputStream in = zip.getInputStream(e)) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    }
    Path bad = dir.resolve("bad.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bad))) {
      for (Map.Entry<String, byte[]> e : change.apply(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    assertEquals(
        1, run("verify-evidence", "--key", SIGNER.verifierKey().encode(), bad.toString()), note);
    assertTrue(err.toString(UTF_8).startsWith("FAILED: " + expected), err.toString(UTF_8));
  }

  @Test
  void verifyEvidence_usage_exit2() throws Exception {
    assertEquals(2, run("verify-evidence", good().toString()));
    assertEquals(2, run("verify-evidence", "--key", "not-a-key", good().toString()));
    assertEquals(2, run("verify-evidence", "--bogus", "x"));
  }
}
