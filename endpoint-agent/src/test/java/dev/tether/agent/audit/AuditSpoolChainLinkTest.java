package dev.tether.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.ChainLink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain links the uploader sends with each event: they bind the event's content, continue one
 * another across batches, acknowledgements, reopening and deleted (uploaded) segments, exactly as
 * the server checks them.
 */
class AuditSpoolChainLinkTest {
  @TempDir Path dir;

  AuditSpool open() throws Exception {
    return AuditSpool.open(dir, new SpoolConfig(1 << 20, 4096, null));
  }

  @Test
  void links_bindContentAndContinueAcrossBatchesReopenAndDeletedSegments() throws Exception {
    List<ChainLink> uploaded = new ArrayList<>();
    List<AuditEvent> events = new ArrayList<>();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    try (AuditSpool spool = open()) {
      for (int i = 0; i < 60; i++) {
        spool.append(List.of(AuditSpoolTest.event(t0.plusSeconds(i))));
      }
      for (int round = 0; round < 2; round++) {
        AuditSpool.Batch batch = spool.nextBatch(20);
        events.addAll(batch.events());
        uploaded.addAll(batch.links());
        spool.acknowledge(batch);
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      long segments = files.filter(p -> p.getFileName().toString().startsWith("segment-")).count();
      assertTrue(segments < 8, "uploaded segments were deleted: " + segments);
    }
    try (AuditSpool spool = open()) {
      AuditSpool.Batch rest = spool.nextBatch(100);
      events.addAll(rest.events());
      uploaded.addAll(rest.links());
    }
    assertEquals(60, uploaded.size(), "every event has its link");
    String previous = ChainLink.GENESIS;
    for (int i = 0; i < 60; i++) {
      ChainLink link = uploaded.get(i);
      assertEquals(events.get(i).eventId(), link.eventId());
      assertEquals(i + 1, link.seq());
      assertEquals(previous, link.previous(), "link " + (i + 1) + " continues the last");
      assertTrue(link.binds(events.get(i)), "link " + (i + 1) + " binds its event's content");
      previous = link.hash();
    }
  }

  /**
   * 40 equal-size records, 10 per segment; the first 30 uploaded, so their segments are deleted and
   * the first pending record (31) opens the remaining segment: its previous hash can only come from
   * the acked file.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "legacy acked file: {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void links_firstPendingAfterDeletedSegments_previousFromAckedFile(boolean legacy)
      throws Exception {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    AuditEvent sample = AuditSpoolTest.event(t0);
    int frame = SpoolFrame.HEADER_BYTES + dev.tether.core.json.JsonCodec.write(sample).length;
    SpoolConfig config = new SpoolConfig(1 << 20, 10L * frame, null);
    String hashOf30;
    try (AuditSpool spool = AuditSpool.open(dir, config)) {
      for (int i = 0; i < 40; i++) {
        spool.append(List.of(AuditSpoolTest.event(t0.plusSeconds(i % 10))));
      }
      AuditSpool.Batch first = spool.nextBatch(30);
      hashOf30 = first.links().get(29).hash();
      spool.acknowledge(first);
    }
    if (legacy) { // as an agent before chain links wrote it: the sequence alone
      String line = Files.readString(dir.resolve("acked")).trim();
      Files.writeString(dir.resolve("acked"), line.split(" ")[0]);
    }
    try (AuditSpool spool = AuditSpool.open(dir, config)) {
      AuditSpool.Batch rest = spool.nextBatch(100);
      assertEquals(10, rest.events().size());
      if (legacy) {
        assertEquals(9, rest.links().size(), "only record 31 lacks its previous hash");
        assertEquals(32, rest.links().get(0).seq());
      } else {
        assertEquals(10, rest.links().size());
        assertEquals(31, rest.links().get(0).seq());
        assertEquals(hashOf30, rest.links().get(0).previous(), "from the acked file");
        assertTrue(rest.links().get(0).binds(rest.events().get(0)));
      }
      for (int i = 1; i < rest.links().size(); i++) {
        assertEquals(rest.links().get(i - 1).hash(), rest.links().get(i).previous());
      }
    }
  }
}
