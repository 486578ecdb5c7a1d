package dev.tether.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.audit.log.AuditLeaf;
import dev.tether.core.audit.log.Checkpoint;
import dev.tether.core.audit.log.ExportVerifier;
import dev.tether.core.audit.log.LogExport;
import dev.tether.core.audit.log.LogVerificationException;
import dev.tether.core.audit.log.MerkleProofs;
import dev.tether.core.audit.log.NoteSigner;
import dev.tether.core.audit.log.SignedCheckpoints;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.policy.ResponseMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log over a real JPA store (EclipseLink on H2); the PostgreSQL run is in the IT. */
class TamperEvidentLogTest {
  static final String ORIGIN = "tether.test/audit-log";
  final NoteSigner signer = new NoteSigner(ORIGIN, Ed25519KeyPair.generate());
  final AuditSource acme = new AuditSource("acme", "eng", "dev-1");
  final AuditSource other = new AuditSource("other", "ops", "dev-9");
  JpaStore store;
  TamperEvidentLog log;

  @BeforeEach
  void open() {
    store = JpaStore.h2("log-" + UUID.randomUUID());
    log = new TamperEvidentLog(ORIGIN, signer, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    store.close();
  }

  static List<AuditEvent> events(String device, int n, ResponseMode mode) {
    List<AuditEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new AuditEvent(
                  AuditEvent.newId(),
                  AuditEvent.newId(),
                  Instant.parse("2026-04-01T12:00:00.123456789Z").plusSeconds(i),
                  device,
                  "alice",
                  AuditLayer.RULE,
                  mode,
                  "aws key",
                  "api.openai.com",
                  "OPENAI",
                  4,
                  List.of("aws-access-key"),
                  1,
                  "sha256:ab",
                  99)
              .withContext("/usr/bin/curl", null, "gpt-4o", "0af7651916cd43dd8448eb211c80319c")
              .withFindingTypes(Map.of("credential", 1))
              .withRedactedExcerpts(List.of("key=[REDACTED:aws]\nline two")));
    }
    return out;
  }

  @Test
  void ingest_assignsDenseLeavesAndExportVerifiesOffline() throws Exception {
    store.ingest(acme, events("dev-1", 7, ResponseMode.BLOCK));
    store.ingest(other, events("dev-9", 3, ResponseMode.ALLOW));
    store.ingest(acme, events("dev-1", 5, ResponseMode.WARN));
    LogExport export = store.tx(r -> log.export(r, "acme", 0, 100));
    assertEquals(12, export.entries().size(), "only the tenant's own events");
    Checkpoint checkpoint = ExportVerifier.verify(export, signer.verifierKey(), ORIGIN);
    assertEquals(15, checkpoint.size());
    assertEquals(
        List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 10L, 11L, 12L, 13L, 14L),
        export.entries().stream().map(LogExport.Entry::leafIndex).toList());
  }

  @Test
  void proofs_inclusionAndConsistencyBetweenCheckpoints_verify() throws Exception {
    List<AuditEvent> first = events("dev-1", 6, ResponseMode.BLOCK);
    store.ingest(acme, first);
    Checkpoint old = SignedCheckpoints.open(store.tx(r -> log.checkpoint(r)), signer.verifierKey());
    store.ingest(acme, events("dev-1", 11, ResponseMode.ALLOW));
    Checkpoint now = SignedCheckpoints.open(store.tx(r -> log.checkpoint(r)), signer.verifierKey());
    assertEquals(6, old.size());
    assertEquals(17, now.size());
    ConsistencyProof consistency = store.tx(r -> log.consistency(r, 6, 17));
    MerkleProofs.verifyConsistency(
        6, 17, old.rootHash(), now.rootHash(), decode(consistency.hashes()));
    InclusionProof inclusion = store.tx(r -> log.inclusion(r, first.get(3).eventId(), 6));
    MerkleProofs.verifyInclusion(
        inclusion.leafIndex(),
        6,
        AuditLeaf.hash(first.get(3)),
        decode(inclusion.hashes()),
        old.rootHash());
    assertThrows(
        IllegalArgumentException.class,
        () -> store.tx(r -> log.inclusion(r, first.get(3).eventId(), 3)));
  }

  @Test
  void faultDuplicateBatchUpload_storedOnceLogUnchanged() {
    List<AuditEvent> batch = events("dev-1", 9, ResponseMode.BLOCK);
    assertEquals(new AuditBatchResult(9, 0), store.ingest(acme, batch));
    long size = store.tx(r -> Long.valueOf(log.catchUp(r)));
    assertEquals(new AuditBatchResult(0, 9), store.ingest(acme, batch));
    List<AuditEvent> mixed = new ArrayList<>(batch.subList(0, 4));
    mixed.addAll(events("dev-1", 2, ResponseMode.ALLOW));
    assertEquals(new AuditBatchResult(2, 4), store.ingest(acme, mixed));
    assertEquals(size + 2, (long) store.tx(r -> log.catchUp(r)));
    assertEquals(0, store.tx(r -> log.verifyStore(r)).mismatched().size());
  }

  @Test
  void faultDatabaseRowTampered_detectedByOfflineVerifierAndStoreCheck() throws Exception {
    List<AuditEvent> batch = events("dev-1", 8, ResponseMode.BLOCK);
    store.ingest(acme, batch);
    LogExport honest = store.tx(r -> log.export(r, "acme", 0, 100));
    ExportVerifier.verify(honest, signer.verifierKey(), ORIGIN);
    String victim = batch.get(5).eventId();

    // A DBA turns a Block into an Allow, behind the application's back.
    try (Connection c = store.jdbc();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE TETHER_AUDIT_RECORD SET RESPONSE_MODE = 'ALLOW' WHERE EVENTID = ?")) {
      update.setString(1, victim);
      assertEquals(1, update.executeUpdate());
    }

    LogExport tampered = store.tx(r -> log.export(r, "acme", 0, 100));
    assertEquals(ResponseMode.ALLOW, tampered.entries().get(5).event().mode());
    LogVerificationException offline =
        assertThrows(
            LogVerificationException.class,
            () -> ExportVerifier.verify(tampered, signer.verifierKey(), ORIGIN));
    assertTrue(offline.getMessage().contains(victim), offline.getMessage());
    assertEquals(List.of(victim), store.tx(r -> log.verifyStore(r)).mismatched());
  }

  @Test
  void faultDatabaseRowAndLeafHashRewritten_restartedLogInconsistentWithOldCheckpoint()
      throws Exception {
    List<AuditEvent> batch = events("dev-1", 8, ResponseMode.BLOCK);
    store.ingest(acme, batch);
    Checkpoint published =
        SignedCheckpoints.open(store.tx(r -> log.checkpoint(r)), signer.verifierKey());
    AuditEvent e = batch.get(2);
    AuditEvent forged =
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
            e.contentBytes(),
            e.app(),
            e.developer(),
            e.model(),
            e.traceId(),
            e.findingTypes(),
            e.classification(),
            e.confidence(),
            e.escalated(),
            e.redactedExcerpts());
    try (Connection c = store.jdbc();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE TETHER_AUDIT_RECORD SET RESPONSE_MODE = 'ALLOW', LEAFHASH = ?"
                    + " WHERE EVENTID = ?")) {
      update.setString(1, HexFormat.of().formatHex(AuditLeaf.hash(forged)));
      update.setString(2, e.eventId());
      assertEquals(1, update.executeUpdate());
    }
    // The server restarts and rebuilds its tree from the (forged) leaf hashes.
    TamperEvidentLog restarted = new TamperEvidentLog(ORIGIN, signer, Clock.systemUTC());
    store.ingest(acme, events("dev-1", 3, ResponseMode.ALLOW));
    Checkpoint later =
        SignedCheckpoints.open(store.tx(r -> restarted.checkpoint(r)), signer.verifierKey());
    ConsistencyProof proof = store.tx(r -> restarted.consistency(r, published.size(), 11));
    assertThrows(
        LogVerificationException.class,
        () ->
            MerkleProofs.verifyConsistency(
                published.size(),
                later.size(),
                published.rootHash(),
                later.rootHash(),
                decode(proof.hashes())));
  }

  @Test
  void storedEvent_roundTripsExactly() {
    List<AuditEvent> batch = events("dev-1", 2, ResponseMode.REDACT);
    store.ingest(acme, batch);
    AuditEvent read = store.tx(r -> r.find(batch.get(1).eventId()).toEvent());
    assertEquals(batch.get(1), read);
  }

  static List<byte[]> decode(List<String> hashes) {
    return hashes.stream().map(h -> Base64.getDecoder().decode(h)).toList();
  }
}
