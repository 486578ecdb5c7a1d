package dev.tether.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.ChainLink;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.ResponseMode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's check of each device's uploaded spool hash chain, through the real store (H2): a
 * continuous chain and duplicates pass; lost, rewritten or replayed records are recorded as breaks
 * (and still stored); events without links are accepted unchecked.
 */
class AuditChainCheckTest {
  final AuditSource dev = new AuditSource("acme", "eng", "dev-1");
  JpaStore store;

  @BeforeEach
  void open() {
    store = JpaStore.h2("chain-" + UUID.randomUUID());
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** A device spool: events and their links, from sequence 1. */
  static final class Spool {
    final List<AuditEvent> events = new ArrayList<>();
    final List<ChainLink> links = new ArrayList<>();

    Spool(int n) {
      events.addAll(TamperEvidentLogTest.events("dev-1", n, ResponseMode.BLOCK));
      KafkaIngestTest.upload("dev-1", events).links().values().stream()
          .sorted(java.util.Comparator.comparingLong(ChainLink::seq))
          .forEach(links::add);
    }

    AuditSubmission range(AuditSource source, int fromSeq, int toSeq) {
      return AuditSubmission.of(
          source, events.subList(fromSeq - 1, toSeq), links.subList(fromSeq - 1, toSeq));
    }
  }

  List<String> breaks() {
    return store.tx(r -> r.chainBreaks("acme", 100)).stream()
        .map(AuditChainBreak::view)
        .map(b -> b.kind() + "@" + b.expectedSeq() + "->" + b.receivedSeq())
        .sorted()
        .toList();
  }

  AuditBatchResult ingest(AuditSubmission submission) {
    return store.ingest(List.of(submission));
  }

  @Test
  void continuousChainAcrossBatchesAndDuplicates_noBreak() {
    Spool spool = new Spool(30);
    ingest(spool.range(dev, 1, 10));
    ingest(spool.range(dev, 11, 20));
    assertEquals(new AuditBatchResult(0, 10), ingest(spool.range(dev, 11, 20)), "retry");
    assertEquals(new AuditBatchResult(10, 5), ingest(spool.range(dev, 16, 30)), "overlap");
    assertEquals(List.of(), breaks());
  }

  @Test
  void faultLostRecords_gapRecordedAndEventsStored() {
    Spool spool = new Spool(30);
    ingest(spool.range(dev, 1, 10));
    assertEquals(new AuditBatchResult(18, 0), ingest(spool.range(dev, 13, 30)));
    assertEquals(List.of("GAP@11->13"), breaks());
  }

  @Test
  void faultRewrittenRecord_contentMismatchRecorded() {
    Spool spool = new Spool(10);
    AuditEvent original = spool.events.get(4);
    AuditEvent rewritten =
        new AuditEvent(
            original.eventId(),
            original.decisionId(),
            original.occurredAt(),
            original.deviceId(),
            original.osUser(),
            original.layer(),
            ResponseMode.ALLOW, // was BLOCK
            original.reason(),
            original.destinationHost(),
            original.provider(),
            original.policyVersion(),
            original.detectorIds(),
            original.findingCount(),
            original.contentDigest(),
            original.contentBytes());
    spool.events.set(4, rewritten);
    ingest(spool.range(dev, 1, 10));
    assertEquals(List.of("CONTENT_MISMATCH@5->5"), breaks());
  }

  @Test
  void faultForkedChain_brokenLinkRecorded() {
    Spool spool = new Spool(20);
    ingest(spool.range(dev, 1, 10));
    // record 11 claims a different predecessor (10 was rewritten and the chain recomputed)
    ChainLink real = spool.links.get(10);
    AuditEvent e11 = spool.events.get(10);
    byte[] fakePrev = new byte[32];
    fakePrev[0] = 1;
    byte[] hash = ChainLink.compute(fakePrev, 11, JsonCodec.write(e11));
    spool.links.set(
        10,
        new ChainLink(
            real.eventId(),
            11,
            HexFormat.of().formatHex(fakePrev),
            HexFormat.of().formatHex(hash)));
    ingest(spool.range(dev, 11, 11));
    assertEquals(List.of("BROKEN_LINK@11->11"), breaks());
  }

  @Test
  void faultSpoolReplayedFromStart_rewindRecorded() {
    Spool first = new Spool(10);
    ingest(first.range(dev, 1, 10));
    Spool reinstalled = new Spool(3);
    ingest(reinstalled.range(dev, 1, 3));
    assertEquals(List.of("REWIND@11->1"), breaks());
  }

  @Test
  void firstUploadStartingMidChain_gap_butNotAfterUnlinkedUploads() {
    Spool spool = new Spool(20);
    ingest(spool.range(dev, 5, 10));
    assertEquals(List.of("GAP@1->5"), breaks(), "records 1-4 never arrived");

    AuditSource upgraded = new AuditSource("acme", "eng", "dev-2");
    List<AuditEvent> old = TamperEvidentLogTest.events("dev-2", 4, ResponseMode.BLOCK);
    store.ingest(upgraded, old); // an agent version without links
    List<AuditEvent> later = TamperEvidentLogTest.events("dev-2", 3, ResponseMode.BLOCK);
    AuditSubmission linked = KafkaIngestTest.upload("dev-2", later, 5, new byte[32]);
    // its links start at 5 and are internally consistent; the first becomes the baseline
    ingest(
        new AuditSubmission(
            upgraded,
            later,
            Map.of(
                later.get(1).eventId(), linked.links().get(later.get(1).eventId()),
                later.get(2).eventId(), linked.links().get(later.get(2).eventId()))));
    assertEquals(List.of("GAP@1->5"), breaks(), "no new break for the upgraded device");
  }

  @Test
  void eventsWithoutLinks_acceptedUnchecked() {
    store.ingest(dev, TamperEvidentLogTest.events("dev-1", 5, ResponseMode.BLOCK));
    assertEquals(List.of(), breaks());
  }
}
