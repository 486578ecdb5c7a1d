package dev.tether.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.log.AuditLeaf;
import dev.tether.core.audit.log.Checkpoint;
import dev.tether.core.audit.log.LogExport;
import dev.tether.core.audit.log.MerkleTree;
import dev.tether.core.audit.log.NoteSigner;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyLogCommandTest {
  static final String ORIGIN = "tether.test/audit-log";
  @TempDir Path dir;
  final NoteSigner signer = new NoteSigner(ORIGIN, Ed25519KeyPair.generate());
  final MerkleTree tree = new MerkleTree();
  final List<AuditEvent> events = new ArrayList<>();
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  void add(int n) {
    for (int i = 0; i < n; i++) {
      AuditEvent e = AuditSpoolTest.event();
      events.add(e);
      tree.append(AuditLeaf.hash(e));
    }
  }

  String note() {
    return signer.sign(new Checkpoint(ORIGIN, tree.size(), tree.root(tree.size())));
  }

  Path export(List<AuditEvent> exported) throws Exception {
    String note = note();
    List<LogExport.Entry> entries = new ArrayList<>();
    for (int i = 0; i < exported.size(); i++) {
      entries.add(
          new LogExport.Entry(
              i,
              exported.get(i),
              tree.inclusionProof(i, tree.size()).stream()
                  .map(h -> Base64.getEncoder().encodeToString(h))
                  .toList()));
    }
    Path file = dir.resolve("export.json");
    Files.write(file, JsonCodec.write(new LogExport(note, entries)));
    return file;
  }

  int run(String... args) throws Exception {
    return VerifyLogCommand.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void run_honestExportAndConsistentHistory_exitsZero() throws Exception {
    add(5);
    Path old = Files.writeString(dir.resolve("old.note"), note());
    add(8);
    Path export = export(events);
    Path proof = dir.resolve("proof.json");
    Files.write(
        proof,
        JsonCodec.write(
            Map.of(
                "first", 5,
                "second", 13,
                "hashes",
                    tree.consistencyProof(5, 13).stream()
                        .map(h -> Base64.getEncoder().encodeToString(h))
                        .toList())));
    assertEquals(
        0,
        run(
            "--key",
            signer.verifierKey().encode(),
            "--origin",
            ORIGIN,
            "--previous-checkpoint",
            old.toString(),
            "--consistency-proof",
            proof.toString(),
            export.toString()),
        err.toString());
    assertTrue(out.toString().contains("OK: 13 events verified"), out.toString());
    assertTrue(out.toString().contains("extends the earlier checkpoint size 5"), out.toString());
  }

  @Test
  void run_rewrittenEvent_exitsOneNamingIt() throws Exception {
    add(4);
    List<AuditEvent> exported = new ArrayList<>(events);
    AuditEvent e = exported.get(1);
    exported.set(1, e.withContext("/usr/bin/innocent", null, null, null));
    Path export = export(exported);
    Path key = Files.writeString(dir.resolve("key"), signer.verifierKey().encode() + "\n");
    assertEquals(1, run("--key-file", key.toString(), export.toString()));
    assertTrue(err.toString().contains("FAILED: event " + e.eventId()), err.toString());
  }

  @Test
  void run_checkpointSignedByAnotherKey_exitsOne() throws Exception {
    add(3);
    Path export = export(events);
    NoteSigner other = new NoteSigner(ORIGIN, Ed25519KeyPair.generate());
    assertEquals(1, run("--key", other.verifierKey().encode(), export.toString()));
    assertTrue(err.toString().contains("pinned key"), err.toString());
  }

  @Test
  void run_missingKey_isUsageError() {
    assertThrows(IllegalArgumentException.class, () -> run("export.json"));
  }
}
