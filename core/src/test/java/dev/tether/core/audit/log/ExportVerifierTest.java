package dev.tether.core.audit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportVerifierTest {
  final NoteSigner signer = new NoteSigner("tether.test/audit", Ed25519KeyPair.generate());

  static AuditEvent event(int i, ResponseMode mode) {
    return new AuditEvent(
        AuditEvent.newId(),
        AuditEvent.newId(),
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i),
        "dev-1",
        "alice",
        AuditLayer.POLICY,
        mode,
        "event " + i,
        "api.openai.com",
        "OPENAI",
        3,
        List.of(),
        0,
        "sha256:00",
        10);
  }

  LogExport export(List<AuditEvent> events) {
    MerkleTree tree = new MerkleTree();
    events.forEach(e -> tree.append(AuditLeaf.hash(e)));
    long size = tree.size();
    String note = signer.sign(new Checkpoint("tether.test/audit", size, tree.root(size)));
    List<LogExport.Entry> entries = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      entries.add(
          new LogExport.Entry(
              i,
              events.get(i),
              tree.inclusionProof(i, size).stream()
                  .map(h -> Base64.getEncoder().encodeToString(h))
                  .toList()));
    }
    return new LogExport(note, entries);
  }

  @Test
  void verify_honestExport_passes() throws Exception {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      events.add(event(i, ResponseMode.BLOCK));
    }
    LogExport export = export(events);
    LogExport roundTripped = JsonCodec.read(JsonCodec.write(export), LogExport.class);
    assertEquals(
        9, ExportVerifier.verify(roundTripped, signer.verifierKey(), "tether.test/audit").size());
  }

  @Test
  void verify_rewrittenEvent_throwsNamingIt() {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(event(i, ResponseMode.BLOCK));
    }
    LogExport honest = export(events);
    List<LogExport.Entry> entries = new ArrayList<>(honest.entries());
    LogExport.Entry victim = entries.get(2);
    AuditEvent e = victim.event();
    AuditEvent rewritten =
        new AuditEvent(
            e.eventId(),
            e.decisionId(),
            e.occurredAt(),
            e.deviceId(),
            e.osUser(),
            e.layer(),
            ResponseMode.ALLOW,
            e.reason(),
            e.destinationHost(),
            e.provider(),
            e.policyVersion(),
            e.detectorIds(),
            e.findingCount(),
            e.contentDigest(),
            e.contentBytes());
    entries.set(2, new LogExport.Entry(2, rewritten, victim.inclusionProof()));
    LogVerificationException thrown =
        assertThrows(
            LogVerificationException.class,
            () ->
                ExportVerifier.verify(
                    new LogExport(honest.checkpoint(), entries), signer.verifierKey(), null));
    assertTrue(thrown.getMessage().contains(e.eventId()), thrown.getMessage());
  }

  @Test
  void verify_wrongOrigin_throws() {
    LogExport export = export(List.of(event(0, ResponseMode.ALLOW)));
    assertThrows(
        LogVerificationException.class,
        () -> ExportVerifier.verify(export, signer.verifierKey(), "other/log"));
  }
}
