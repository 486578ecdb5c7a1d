package dev.tether.core.audit.evidence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.log.Checkpoint;
import dev.tether.core.audit.log.NoteSigner;
import dev.tether.core.crypto.Ed25519KeyPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
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

class EvidenceVerifierTest {
  static final String ORIGIN = "tether.test/audit-log";
  static final NoteSigner SIGNER = new NoteSigner(ORIGIN, Ed25519KeyPair.generate());
  static final NoteSigner OTHER = new NoteSigner(ORIGIN, Ed25519KeyPair.generate());
  static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  static final Instant TO = Instant.parse("2026-11-08T00:00:00Z");

  @TempDir Path dir;

  static Path write(Path file, NoteSigner signer, long logSize, NoteSigner checkpointSigner)
      throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      EvidencePackageWriter writer = new EvidencePackageWriter(out);
      writer.add("README.md", "# evidence\n");
      writer.add(
          EvidenceVerifier.CHECKPOINT_PATH,
          checkpointSigner.sign(new Checkpoint(ORIGIN, 42, new byte[32])));
      try (OutputStream big = writer.begin("decisions/decisions.csv")) {
        for (int i = 0; i < 20_000; i++) {
          big.write(("row," + i + "\n").getBytes(UTF_8));
        }
      }
      writer.finish("acme", FROM, TO, Instant.parse("2026-11-08T01:00:00Z"), logSize, signer);
    }
    return file;
  }

  Path good() throws IOException {
    return write(dir.resolve("good.zip"), SIGNER, 42, SIGNER);
  }

  @Test
  void verify_untouchedPackage_returnsSignedManifest() throws Exception {
    EvidenceManifest manifest = EvidenceVerifier.verify(good(), SIGNER.verifierKey());
    assertEquals("acme", manifest.tenant());
    assertEquals(42, manifest.logSize());
    assertEquals(
        java.util.List.of("README.md", "audit-log/checkpoint.txt", "decisions/decisions.csv"),
        manifest.files().stream().map(EvidenceManifest.Entry::path).toList());
    assertTrue(manifest.file("decisions/decisions.csv").size() > 100_000);
  }

  /** Rewrites the package entry by entry: each function maps (name, bytes) to new content. */
  static Path rewrite(Path source, Path target, UnaryOperator<Map<String, byte[]>> change)
      throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(source.toFile())) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        try (InputStream in = zip.getInputStream(e)) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    }
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      for (Map.Entry<String, byte[]> e : change.apply(entries).entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    return target;
  }

  static Stream<Arguments> tamperings() {
    return Stream.of(
        Arguments.of(
            "one byte of a file changed",
            (UnaryOperator<Map<String, byte[]>>)
                m -> {
                  byte[] csv = m.get("decisions/decisions.csv").clone();
                  csv[100] ^= 1;
                  m.put("decisions/decisions.csv", csv);
                  return m;
                },
            "decisions/decisions.csv: modified"),
        Arguments.of(
            "a file truncated",
            (UnaryOperator<Map<String, byte[]>>)
                m -> {
                  byte[] csv = m.get("decisions/decisions.csv");
                  m.put("decisions/decisions.csv", Arrays.copyOf(csv, csv.length - 6));
                  return m;
                },
            "decisions/decisions.csv: modified"),
        Arguments.of(
            "a file removed",
            (UnaryOperator<Map<String, byte[]>>)
                m -> {
                  m.remove("README.md");
                  return m;
                },
            "README.md: listed but missing"),
        Arguments.of(
            "a file added",
            (UnaryOperator<Map<String, byte[]>>)
                m -> {
                  m.put("extra/notes.txt", "slipped in".getBytes(UTF_8));
                  return m;
                },
            "extra/notes.txt: present but not listed"),
        Arguments.of(
            "manifest removed",
            (UnaryOperator<Map<String, byte[]>>)
                m -> {
                  m.remove("MANIFEST");
                  return m;
                },
            "MANIFEST: missing"),
        Arguments.of(
            "manifest digest line edited to match a changed file",
            (UnaryOperator<Map<String, byte[]>>)
                m -> {
                  String note = new String(m.get("MANIFEST"), UTF_8);
                  m.put("MANIFEST", note.replace(" 11 README.md", " 12 README.md").getBytes(UTF_8));
                  m.put("README.md", "# evidence!\n".getBytes(UTF_8));
                  return m;
                },
            "does not verify"),
        Arguments.of(
            "manifest signed by another key",
            (UnaryOperator<Map<String, byte[]>>)
                m -> {
                  String note = new String(m.get("MANIFEST"), UTF_8);
                  String body = note.substring(0, note.lastIndexOf("\n\n") + 1);
                  m.put("MANIFEST", OTHER.signText(body).getBytes(UTF_8));
                  return m;
                },
            "MANIFEST: signed note: no signature by the pinned key"),
        Arguments.of(
            "signature line removed",
            (UnaryOperator<Map<String, byte[]>>)
                m -> {
                  String note = new String(m.get("MANIFEST"), UTF_8);
                  m.put(
                      "MANIFEST", note.substring(0, note.lastIndexOf("\n\n") + 2).getBytes(UTF_8));
                  return m;
                },
            "MANIFEST"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperings")
  void verify_tamperedPackage_throwsNamingTheFile(
      String note, UnaryOperator<Map<String, byte[]>> change, String expected) throws Exception {
    Path bad = rewrite(good(), dir.resolve("bad.zip"), change);
    EvidenceVerificationException e =
        assertThrows(
            EvidenceVerificationException.class,
            () -> EvidenceVerifier.verify(bad, SIGNER.verifierKey()),
            note);
    assertTrue(e.getMessage().contains(expected), note + ": " + e.getMessage());
  }

  @Test
  void verify_duplicateEntryName_throws() throws Exception {
    Path source = good();
    Path bad = dir.resolve("dup.zip");
    try (ZipFile zip = new ZipFile(source.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bad))) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
          bytes = in.readAllBytes();
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(bytes);
        out.closeEntry();
      }
      // ZipOutputStream refuses duplicate names, so append a second README under a name that
      // differs only in a byte patched afterwards.
      out.putNextEntry(new ZipEntry("README.mX"));
      out.write("# other\n".getBytes(UTF_8));
      out.closeEntry();
    }
    byte[] raw = Files.readAllBytes(bad);
    byte[] from = "README.mX".getBytes(UTF_8);
    for (int i = 0; i + from.length <= raw.length; i++) {
      if (Arrays.equals(raw, i, i + from.length, from, 0, from.length)) {
        raw[i + from.length - 1] = 'd';
      }
    }
    Files.write(bad, raw);
    EvidenceVerificationException e =
        assertThrows(
            EvidenceVerificationException.class,
            () -> EvidenceVerifier.verify(bad, SIGNER.verifierKey()));
    assertTrue(e.getMessage().contains("README.md"), e.getMessage());
  }

  @Test
  void verify_wrongPinnedKey_throws() throws Exception {
    Path zip = good();
    EvidenceVerificationException e =
        assertThrows(
            EvidenceVerificationException.class,
            () -> EvidenceVerifier.verify(zip, OTHER.verifierKey()));
    assertTrue(e.getMessage().startsWith("MANIFEST"), e.getMessage());
  }

  @Test
  void verify_checkpointOfAnotherLogOrSize_throws() throws Exception {
    Path otherKey = write(dir.resolve("a.zip"), SIGNER, 42, OTHER);
    assertTrue(
        assertThrows(
                EvidenceVerificationException.class,
                () -> EvidenceVerifier.verify(otherKey, SIGNER.verifierKey()))
            .getMessage()
            .startsWith(EvidenceVerifier.CHECKPOINT_PATH));
    Path otherSize = write(dir.resolve("b.zip"), SIGNER, 41, SIGNER);
    assertTrue(
        assertThrows(
                EvidenceVerificationException.class,
                () -> EvidenceVerifier.verify(otherSize, SIGNER.verifierKey()))
            .getMessage()
            .contains("differs from the manifest's log-size"));
  }

  @Test
  void verify_notAZip_throws() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip at all");
    assertThrows(
        EvidenceVerificationException.class,
        () -> EvidenceVerifier.verify(junk, SIGNER.verifierKey()));
  }

  @Test
  void manifest_isNeverACheckpoint_andParsesBack() throws Exception {
    EvidenceManifest manifest =
        new EvidenceManifest(
            "acme",
            FROM,
            TO,
            TO,
            7,
            java.util.List.of(new EvidenceManifest.Entry("a/b.txt", 3, "0".repeat(64))));
    assertEquals(manifest, EvidenceManifest.parse(manifest.encode()));
    assertThrows(
        dev.tether.core.audit.log.LogVerificationException.class,
        () -> Checkpoint.parse(manifest.encode()));
    for (String path : new String[] {"../x", "a/../b", "/abs", "a//b", "MANIFEST", "a b"}) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              new EvidenceManifest(
                  "acme",
                  FROM,
                  TO,
                  TO,
                  7,
                  java.util.List.of(new EvidenceManifest.Entry(path, 3, "0".repeat(64)))),
          path);
    }
  }

  @Test
  void signText_refusesBlankLinesAndControlCharacters() {
    assertThrows(IllegalArgumentException.class, () -> SIGNER.signText("a\n\nb\n"));
    assertThrows(IllegalArgumentException.class, () -> SIGNER.signText("a\rb\n"));
    assertThrows(IllegalArgumentException.class, () -> SIGNER.signText("no newline"));
    ByteArrayOutputStream unused = new ByteArrayOutputStream();
    assertEquals(0, unused.size());
  }
}
