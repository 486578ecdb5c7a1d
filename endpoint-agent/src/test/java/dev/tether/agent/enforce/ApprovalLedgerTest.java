package dev.tether.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.api.ApprovalFiling;
import dev.tether.core.api.ApprovalList;
import dev.tether.core.api.ApprovalStatus;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Request ledger persisted: restart, re-sync after restart, crash, bounds, check at use. */
class ApprovalLedgerTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Duration HOUR = Duration.ofHours(1);

  @TempDir Path dir;
  final LedgerKey key = LedgerKey.random();

  ApprovalLedger open(Instant now) throws Exception {
    return ApprovalLedger.open(
        dir.resolve("approvals.journal"), key, Clock.fixed(now, ZoneOffset.UTC));
  }

  static RequestKey request(int n) {
    return new RequestKey("sha256:" + String.format("%064x", n), "alice", "api.openai.com");
  }

  static String id(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  @Test
  void pendingRequest_survivesRestart_andIsGrantedByTheSyncAfterIt() throws Exception {
    ApprovalLedger first = open(T0);
    first.add(id(1), request(1), "customer data", 7);
    List<ApprovalFiling> filed = new ArrayList<>();
    List<ApprovalStatus> listed = new ArrayList<>();
    ApprovalSync.Console console =
        new ApprovalSync.Console() {
          @Override
          public ApprovalStatus file(ApprovalFiling filing) {
            filed.add(filing);
            return new ApprovalStatus(filing.requestId(), "PENDING", null, null, null);
          }

          @Override
          public ApprovalList list() {
            return new ApprovalList(listed);
          }
        };
    new ApprovalSync(first, console, () -> Duration.ofHours(8)).sync();
    assertEquals(1, filed.size());

    // The agent stops; an approver grants meanwhile; a new agent starts on the same state dir.
    Instant decided = T0.plusSeconds(600);
    listed.add(
        new ApprovalStatus(id(1), "APPROVED", decided.plus(HOUR), "ok for the audit", decided));
    ApprovalLedger second = open(decided);
    ApprovalLedger.Filed pending = second.find(id(1)).orElseThrow();
    assertEquals(ApprovalLedger.State.PENDING, pending.state());
    assertEquals(request(1), pending.key());
    assertTrue(second.open(request(1), decided, HOUR).isPresent(), "pending: not filed again");
    new ApprovalSync(second, console, () -> Duration.ofHours(8)).sync();
    assertEquals(1, filed.size(), "the pending request was not filed again");
    ApprovalLedger.Filed granted =
        second.open(request(1), decided.plusSeconds(5), HOUR).orElseThrow();
    assertEquals(ApprovalLedger.State.APPROVED, granted.state());
    assertEquals(
        ApprovalLedger.State.APPROVED,
        open(decided).find(id(1)).orElseThrow().state(),
        "grant persisted");
  }

  @Test
  void grant_isCheckedAtUseAgainstTheCurrentWindow_andOnlyForTheSameRequest() throws Exception {
    ApprovalLedger ledger = open(T0);
    ledger.add(id(1), request(1), "customer data", 7);
    ledger.update(id(1), ApprovalLedger.State.APPROVED, T0.plus(Duration.ofHours(8)), "ok", T0);
    ApprovalLedger reopened = open(T0);
    Instant later = T0.plus(Duration.ofHours(2));
    assertEquals(
        ApprovalLedger.State.APPROVED,
        reopened.open(request(1), later, Duration.ofHours(8)).orElseThrow().state());
    assertTrue(
        reopened.open(request(1), later, HOUR).isEmpty(),
        "lowered window applies to the existing grant");
    assertTrue(reopened.open(request(2), T0.plusSeconds(1), Duration.ofHours(8)).isEmpty());
    RequestKey bob = new RequestKey(request(1).contentDigest(), "bob", request(1).host());
    assertTrue(reopened.open(bob, T0.plusSeconds(1), Duration.ofHours(8)).isEmpty());
    assertTrue(
        reopened.open(request(1), T0.plus(Duration.ofHours(9)), Duration.ofDays(30)).isEmpty(),
        "console validity");
  }

  @Test
  void decidedRequests_arePrunedAfterRetention_pendingAfterTheirs() throws Exception {
    ApprovalLedger ledger = open(T0);
    ledger.add(id(1), request(1), "r", 1);
    ledger.add(id(2), request(2), "r", 1);
    ledger.add(id(3), request(3), "r", 1);
    ledger.update(id(1), ApprovalLedger.State.DENIED, null, "no", T0);
    ledger.update(id(2), ApprovalLedger.State.APPROVED, T0.plus(HOUR), "ok", T0);
    assertEquals(3, open(T0.plusSeconds(1)).newestFirst().size());
    assertEquals(2, open(T0.plus(HOUR)).newestFirst().size(), "expired approval pruned on load");
    ApprovalLedger day = open(T0.plus(ApprovalLedger.DECIDED_RETENTION));
    assertEquals(
        List.of(id(3)), day.newestFirst().stream().map(ApprovalLedger.Filed::decisionId).toList());
    day.prune(T0.plus(ApprovalLedger.PENDING_RETENTION));
    assertTrue(day.newestFirst().isEmpty());
    assertTrue(open(T0.plus(ApprovalLedger.PENDING_RETENTION)).newestFirst().isEmpty());
  }

  @Test
  void boundReached_evictsOldest() throws Exception {
    ApprovalLedger ledger = open(T0);
    for (int i = 0; i < ApprovalLedger.CAPACITY + 5; i++) {
      ledger.add(id(i), request(i), "r", 1);
    }
    assertTrue(ledger.newestFirst().size() <= ApprovalLedger.CAPACITY);
    assertTrue(ledger.find(id(0)).isEmpty());
    assertTrue(ledger.find(id(ApprovalLedger.CAPACITY + 4)).isPresent());
    assertEquals(ledger.newestFirst().size(), open(T0).newestFirst().size());
  }

  @Test
  void crashMidAppend_losesOnlyTheLastUpdate_andGrantsNothing() throws Exception {
    ApprovalLedger ledger = open(T0);
    ledger.add(id(1), request(1), "r", 1);
    ledger.update(id(1), ApprovalLedger.State.APPROVED, T0.plus(HOUR), "ok", T0);
    Path file = dir.resolve("approvals.journal");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(Files.size(file) - 3);
    }
    ApprovalLedger reopened = open(T0);
    assertNull(reopened.problem());
    assertEquals(ApprovalLedger.State.UNSENT, reopened.find(id(1)).orElseThrow().state());
    assertEquals(
        ApprovalLedger.State.UNSENT,
        reopened.open(request(1), T0, HOUR).orElseThrow().state(),
        "no grant survives the torn line");
    assertEquals(1, reopened.unsent().size(), "still sent at the next sync");
  }

  @Test
  void approvalWithoutDecisionTime_keepsTheFirstLearnedOne_acrossSyncs() throws Exception {
    ApprovalLedger ledger = open(T0);
    ledger.add(id(1), request(1), "r", 1);
    ledger.update(id(1), ApprovalLedger.State.PENDING, null, null, null);
    ApprovalSync.Console console =
        new ApprovalSync.Console() {
          @Override
          public ApprovalStatus file(ApprovalFiling filing) {
            throw new AssertionError("already filed");
          }

          @Override
          public ApprovalList list() {
            return new ApprovalList(
                List.of(
                    new ApprovalStatus(id(1), "APPROVED", Instant.now().plus(HOUR), "ok", null)));
          }
        };
    ApprovalSync sync = new ApprovalSync(ledger, console, () -> Duration.ofHours(8));
    sync.sync();
    Instant first = ledger.find(id(1)).orElseThrow().decidedAt();
    Thread.sleep(20);
    sync.sync();
    assertEquals(
        first, ledger.find(id(1)).orElseThrow().decidedAt(), "the window does not restart");
  }
}
