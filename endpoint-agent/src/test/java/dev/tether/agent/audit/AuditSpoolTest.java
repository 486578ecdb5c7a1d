package dev.tether.agent.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSpoolTest {
  @TempDir Path dir;

  static AuditEvent event() {
    return event(Instant.now());
  }

  static AuditEvent event(Instant at) {
    return new AuditEvent(
        AuditEvent.newId(),
        AuditEvent.newId(),
        at,
        "dev-1",
        "alice",
        AuditLayer.POLICY,
        ResponseMode.ALLOW,
        "ok",
        "api.openai.com",
        "OPENAI",
        3,
        List.of(),
        0,
        "sha256:00",
        10);
  }

  AuditSpool open() throws IOException {
    return AuditSpool.open(dir, new SpoolConfig(1 << 20, 8192, null));
  }

  List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
    }
  }

  static List<AuditEvent> all(AuditSpool spool) throws IOException {
    return spool.nextBatch(100_000, Integer.MAX_VALUE).events();
  }

  @Test
  void append_reopen_recordsSurviveAcrossSegments() throws Exception {
    List<AuditEvent> written = new ArrayList<>();
    try (AuditSpool spool = open()) {
      for (int i = 0; i < 60; i++) {
        AuditEvent e = event();
        written.add(e);
        spool.append(List.of(e));
      }
    }
    assertTrue(segments().size() > 1, "expected several 8 KiB segments");
    try (AuditSpool spool = open()) {
      assertEquals(60, spool.backlog());
      assertEquals(written, all(spool));
      assertEquals(0, spool.status().chainBreaks());
    }
  }

  @Test
  void append_concurrentWriters_groupCommitKeepsEveryRecordChained() throws Exception {
    List<AuditEvent> written = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (AuditSpool spool = open()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 25; i++) {
                    AuditEvent a = event();
                    AuditEvent b = event();
                    spool.append(List.of(a, b));
                    written.add(a);
                    written.add(b);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    try (AuditSpool spool = open()) {
      List<AuditEvent> read = all(spool);
      assertEquals(400, read.size());
      assertEquals(new java.util.HashSet<>(written), new java.util.HashSet<>(read));
      assertEquals(0, spool.status().chainBreaks());
      assertEquals(0, spool.status().corruptRecords());
    }
  }

  @Test
  void faultTornLastRecord_detectedReportedAndCutOff() throws Exception {
    AuditEvent a = event();
    AuditEvent b = event();
    try (AuditSpool spool = open()) {
      spool.append(List.of(a, b));
    }
    Path segment = segments().get(segments().size() - 1);
    long size = Files.size(segment);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(size - 7); // crash in the middle of writing b
    }
    try (AuditSpool spool = open()) {
      assertEquals(1, spool.status().tornRecords());
      assertEquals(List.of(a), all(spool));
      AuditEvent c = event();
      spool.append(List.of(c));
      assertEquals(List.of(a, c), all(spool));
    }
    try (AuditSpool spool = open()) {
      assertEquals(0, spool.status().tornRecords());
      assertEquals(0, spool.status().chainBreaks(), "chain continues after the cut");
    }
  }

  @Test
  void faultCorruptedSpoolSegment_recordSkippedCountedRestUploaded() throws Exception {
    List<AuditEvent> written = new ArrayList<>();
    try (AuditSpool spool = open()) {
      for (int i = 0; i < 5; i++) {
        written.add(event());
      }
      spool.append(written);
    }
    Path segment = segments().get(0);
    byte[] bytes = Files.readAllBytes(segment);
    int third = indexOf(bytes, written.get(2).eventId());
    bytes[third + 3] ^= 0x20; // bit rot inside the third record
    Files.write(segment, bytes);
    try (AuditSpool spool = open()) {
      SpoolStatus status = spool.status();
      assertEquals(1, status.corruptRecords());
      assertEquals(1, status.chainBreaks(), "the chain skips the lost record");
      AuditSpool.Batch batch = spool.nextBatch(100);
      assertEquals(
          List.of(written.get(0), written.get(1), written.get(3), written.get(4)), batch.events());
      spool.acknowledge(batch);
      assertEquals(0, spool.backlog());
      assertEquals(1, spool.status().corruptRecords(), "counted once, not again on read");
    }
  }

  @Test
  void rewrittenRecordWithValidChecksum_breaksHashChain() throws Exception {
    List<AuditEvent> written = List.of(event(), event(), event());
    try (AuditSpool spool = open()) {
      spool.append(written);
    }
    Path segment = segments().get(0);
    byte[] bytes = Files.readAllBytes(segment);
    int at = indexOf(bytes, "\"ALLOW\"", indexOf(bytes, written.get(1).eventId()));
    System.arraycopy("\"BLOCK\"".getBytes(), 0, bytes, at, 7);
    int frame = lastMagicBefore(bytes, at);
    int length = ByteBuffer.wrap(bytes, frame + 4, 4).getInt();
    int crc = SpoolFrame.crc(bytes, frame + 12, SpoolFrame.HEADER_BYTES - 12 + length);
    ByteBuffer.wrap(bytes).putInt(frame + 8, crc); // a careful forger fixes the checksum
    Files.write(segment, bytes);
    try (AuditSpool spool = open()) {
      assertEquals(0, spool.status().corruptRecords());
      assertEquals(1, spool.status().chainBreaks(), "the rewritten record");
    }
  }

  @Test
  void append_full_blocksByDefault_orCountsUnaudited() throws Exception {
    try (AuditSpool spool = AuditSpool.open(dir.resolve("a"), new SpoolConfig(65536, 8192, null))) {
      assertThrows(
          SpoolFullException.class,
          () -> {
            for (int i = 0; i < 1000; i++) {
              spool.append(List.of(event()));
            }
          });
      assertEquals(1, spool.status().refusedFull());
      long backlog = spool.backlog();
      spool.acknowledge(spool.nextBatch(100_000, Integer.MAX_VALUE));
      assertTrue(spool.status().bytes() < 65536 / 2, "acknowledged segments are deleted");
      spool.append(List.of(event()));
      assertTrue(backlog > 100);
    }
    SpoolConfig lenient = new SpoolConfig(65536, 8192, SpoolConfig.WhenFull.ALLOW_UNAUDITED);
    try (AuditSpool spool = AuditSpool.open(dir.resolve("b"), lenient)) {
      for (int i = 0; i < 1000; i++) {
        spool.append(List.of(event()));
      }
      assertTrue(spool.status().unaudited() > 0);
      assertEquals(0, spool.status().refusedFull());
    }
  }

  @Test
  void acknowledge_advancesBacklogAndOldestPending_persistsAcrossReopen() throws Exception {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    try (AuditSpool spool = open()) {
      for (int i = 0; i < 30; i++) {
        spool.append(List.of(event(t0.plusSeconds(i))));
      }
      assertEquals(t0, spool.status().oldestPending());
      spool.acknowledge(spool.nextBatch(10));
      assertEquals(20, spool.backlog());
      assertEquals(t0.plusSeconds(10), spool.status().oldestPending());
    }
    try (AuditSpool spool = open()) {
      assertEquals(20, spool.backlog());
      assertEquals(t0.plusSeconds(10), spool.status().oldestPending());
      spool.acknowledge(spool.nextBatch(100));
      assertEquals(0, spool.backlog());
      assertNull(spool.status().oldestPending());
      assertEquals(0, spool.nextBatch(100).records());
    }
    try (AuditSpool spool = open()) {
      assertEquals(0, spool.backlog());
      assertEquals(1, segments().size(), "only the segment holding the chain head remains");
    }
  }

  @Test
  void append_afterClose_throws() throws Exception {
    AuditSpool spool = open();
    spool.close();
    assertThrows(IOException.class, () -> spool.append(List.of(event())));
  }

  @Test
  void frame_roundTripsThroughReader() throws Exception {
    byte[] chain = new byte[32];
    byte[] frame = SpoolFrame.encode(7, SpoolFrame.GENESIS, "{}".getBytes(), chain);
    Path file = dir.resolve("one");
    Files.write(file, frame);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      SegmentReader.Valid valid = (SegmentReader.Valid) SegmentReader.read(ch, 0, frame.length);
      assertEquals(7, valid.seq());
      assertArrayEquals(chain, valid.chain());
      assertArrayEquals("{}".getBytes(), valid.payload());
    }
  }

  static int indexOf(byte[] haystack, String needle) {
    return indexOf(haystack, needle, 0);
  }

  static int indexOf(byte[] haystack, String needle, int from) {
    byte[] n = needle.getBytes();
    outer:
    for (int i = from; i <= haystack.length - n.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError(needle + " not found");
  }

  static int lastMagicBefore(byte[] bytes, int at) {
    for (int i = at; i >= 0; i--) {
      if (i + 4 <= bytes.length && ByteBuffer.wrap(bytes, i, 4).getInt() == SpoolFrame.MAGIC) {
        return i;
      }
    }
    throw new AssertionError("no frame");
  }
}
