package dev.tether.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Coach ledger in memory and persisted: restart, crash, bounds, expiry, check at use. */
class CoachLedgerTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Duration HOUR = Duration.ofHours(1);

  @TempDir Path dir;
  final LedgerKey key = LedgerKey.random();

  Path file() {
    return dir.resolve("coach.journal");
  }

  CoachLedger open(Instant now) throws Exception {
    return CoachLedger.open(file(), key, Clock.fixed(now, ZoneOffset.UTC));
  }

  static RequestKey request(int n) {
    return new RequestKey("sha256:" + String.format("%064x", n), "alice", "api.openai.com");
  }

  static String id(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  static void holdAndAck(CoachLedger ledger, int n, Instant at) {
    ledger.hold(new CoachLedger.Held(id(n), request(n), "source code", HOUR), at);
    ledger.acknowledge(id(n), "needed for the incident " + n, HOUR, at);
  }

  @Test
  void restart_newInstanceOverSameFile_keepsAcknowledgementAndHeldRequest() throws Exception {
    CoachLedger first = open(T0);
    holdAndAck(first, 1, T0);
    first.hold(new CoachLedger.Held(id(2), request(2), "source code", HOUR), T0);

    CoachLedger second = open(T0.plusSeconds(60));
    var ack = second.acknowledged(request(1), T0.plusSeconds(60), HOUR).orElseThrow();
    assertEquals(id(1), ack.decisionId());
    assertEquals("needed for the incident 1", ack.justification());
    assertEquals(T0, ack.acknowledgedAt());
    assertEquals(T0.plus(HOUR), ack.until());
    assertTrue(second.held(id(2)).isPresent(), "held request still acknowledgeable");
    assertTrue(second.acknowledged(request(2), T0.plusSeconds(60), HOUR).isEmpty());
    assertNull(second.problem());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
  }

  @Test
  void acknowledgement_allowsOnlySameDigestUserAndDestination() throws Exception {
    CoachLedger ledger = open(T0);
    holdAndAck(ledger, 1, T0);
    RequestKey k = request(1);
    Instant now = T0.plusSeconds(10);
    assertTrue(ledger.acknowledged(k, now, HOUR).isPresent());
    assertTrue(
        ledger
            .acknowledged(new RequestKey(k.contentDigest(), "bob", k.host()), now, HOUR)
            .isEmpty());
    assertTrue(
        ledger
            .acknowledged(new RequestKey(k.contentDigest(), k.user(), "evil.example"), now, HOUR)
            .isEmpty());
    assertTrue(ledger.acknowledged(request(2), now, HOUR).isEmpty());
  }

  @Test
  void loweredPolicyWindow_shortensExistingAcknowledgement_atUse() throws Exception {
    CoachLedger ledger = open(T0);
    holdAndAck(ledger, 1, T0);
    Duration lowered = Duration.ofMinutes(10);
    assertTrue(ledger.acknowledged(request(1), T0.plusSeconds(300), lowered).isPresent());
    assertTrue(ledger.acknowledged(request(1), T0.plusSeconds(900), lowered).isEmpty());
    // A raised window never extends an acknowledgement beyond the window it was given.
    assertTrue(
        ledger
            .acknowledged(request(1), T0.plus(HOUR).plusSeconds(1), Duration.ofDays(1))
            .isEmpty());
    // Nor does one acknowledged in the future (clock set back) count.
    assertTrue(ledger.acknowledged(request(1), T0.minusSeconds(1), HOUR).isEmpty());
  }

  @Test
  void expiredEntries_disappearOnLoadAndOnPrune() throws Exception {
    CoachLedger ledger = open(T0);
    holdAndAck(ledger, 1, T0);
    ledger.hold(new CoachLedger.Held(id(2), request(2), "source code", HOUR), T0);
    holdAndAck(ledger, 3, T0.plus(Duration.ofMinutes(23 * 60 + 30)));
    assertEquals(3, ledger.size());

    CoachLedger later = open(T0.plus(HOUR).plusSeconds(1));
    assertEquals(2, later.size(), "expired acknowledgement pruned on load");
    later.prune(T0.plus(CoachLedger.HELD_RETENTION));
    assertEquals(1, later.size(), "unacknowledged held request pruned after retention");
    assertTrue(open(T0.plus(CoachLedger.HELD_RETENTION)).held(id(3)).isPresent());
    assertEquals(1, open(T0.plus(CoachLedger.HELD_RETENTION)).size(), "prune was persisted");
  }

  @Test
  void boundReached_evictsOldestFirst_andFileStaysBounded() throws Exception {
    CoachLedger ledger = open(T0);
    for (int i = 0; i < CoachLedger.CAPACITY + 10; i++) {
      holdAndAck(ledger, i, T0);
    }
    assertTrue(ledger.size() <= CoachLedger.CAPACITY, "size " + ledger.size());
    assertTrue(ledger.acknowledged(request(0), T0, HOUR).isEmpty(), "oldest evicted");
    assertTrue(ledger.acknowledged(request(CoachLedger.CAPACITY + 9), T0, HOUR).isPresent());
    assertTrue(Files.size(file()) < LedgerJournal.MAX_FILE_BYTES);
    CoachLedger reopened = open(T0);
    assertEquals(ledger.size(), reopened.size());
    assertTrue(reopened.acknowledged(request(0), T0, HOUR).isEmpty());
  }

  @Test
  void justification_isBoundedAndRequired() throws Exception {
    CoachLedger ledger = open(T0);
    ledger.hold(new CoachLedger.Held(id(1), request(1), "source code", HOUR), T0);
    assertThrows(IllegalArgumentException.class, () -> ledger.acknowledge(id(1), " ok ", HOUR, T0));
    assertThrows(
        IllegalArgumentException.class, () -> ledger.acknowledge(id(9), "long enough", HOUR, T0));
    var ack = ledger.acknowledge(id(1), "x".repeat(5000), HOUR, T0);
    assertEquals(CoachLedger.MAX_JUSTIFICATION, ack.justification().length());
    assertEquals(
        CoachLedger.MAX_JUSTIFICATION,
        open(T0).acknowledged(request(1), T0, HOUR).orElseThrow().justification().length());
  }

  @Test
  void crashMidAppend_tornLastLine_losesOnlyThatEntry() throws Exception {
    CoachLedger ledger = open(T0);
    holdAndAck(ledger, 1, T0);
    holdAndAck(ledger, 2, T0);
    long size = Files.size(file());
    try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
      raf.setLength(size - 7); // cut inside the last line (the acknowledgement of 2)
    }
    CoachLedger reopened = open(T0);
    assertNull(reopened.problem(), "a torn tail is a crash, not tampering");
    assertTrue(reopened.acknowledged(request(1), T0, HOUR).isPresent());
    assertTrue(reopened.acknowledged(request(2), T0, HOUR).isEmpty(), "torn entry grants nothing");
    assertTrue(reopened.held(id(2)).isPresent(), "the line before it survived");
    // The torn tail was cut off, so the journal is appendable again.
    holdAndAck(reopened, 3, T0);
    assertTrue(open(T0).acknowledged(request(3), T0, HOUR).isPresent());
  }

  @Test
  void crashBetweenTemporaryWriteAndRename_keepsOldJournal_andGrantsNothingExtra()
      throws Exception {
    CoachLedger ledger = open(T0);
    holdAndAck(ledger, 1, T0);
    // A compaction that wrote its temporary file (with one more acknowledgement) but died before
    // the rename: build that content with a second journal, then move it to the temp name.
    Path other = dir.resolve("other").resolve("coach.journal");
    CoachLedger staged = CoachLedger.open(other, key, Clock.fixed(T0, ZoneOffset.UTC));
    holdAndAck(staged, 1, T0);
    holdAndAck(staged, 2, T0);
    Path temp = dir.resolve(".coach.journal.tmp-4242");
    Files.move(other, temp);

    CoachLedger reopened = open(T0);
    assertTrue(reopened.acknowledged(request(1), T0, HOUR).isPresent());
    assertTrue(reopened.acknowledged(request(2), T0, HOUR).isEmpty());
    assertFalse(Files.exists(temp), "stale temporary removed");
  }

  @Test
  void emptiedFile_isQuarantined_startsEmpty() throws Exception {
    holdAndAck(open(T0), 1, T0);
    Files.write(file(), new byte[0]);
    CoachLedger reopened = open(T0);
    assertEquals(0, reopened.size());
    assertTrue(reopened.problem().contains("quarantined"), reopened.problem());
  }

  @Test
  void ledgerFileWritableByOthers_isQuarantined() throws Exception {
    holdAndAck(open(T0), 1, T0);
    Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-rw-rw-"));
    CoachLedger reopened = open(T0);
    assertTrue(reopened.acknowledged(request(1), T0, HOUR).isEmpty());
    assertTrue(
        reopened.problem().contains("GROUP_WRITE") || reopened.problem().contains("OTHERS_WRITE"),
        reopened.problem());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
  }

  @Test
  void oversizedFile_isQuarantinedWithoutReadingIt() throws Exception {
    holdAndAck(open(T0), 1, T0);
    byte[] pad = new byte[LedgerJournal.MAX_FILE_BYTES];
    java.util.Arrays.fill(pad, (byte) 'a');
    Files.write(file(), pad, java.nio.file.StandardOpenOption.APPEND);
    CoachLedger reopened = open(T0);
    assertEquals(0, reopened.size());
    assertTrue(reopened.problem().contains("exceeds the limit"), reopened.problem());
  }
}
