package dev.tether.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.api.ApprovalFiling;
import dev.tether.core.api.ApprovalList;
import dev.tether.core.api.ApprovalStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalSyncTest {
  static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
  final RequestKey key = new RequestKey("sha256:" + "cd".repeat(32), "alice", "api.openai.com");
  final ApprovalLedger ledger = new ApprovalLedger();
  final List<ApprovalFiling> filed = new ArrayList<>();
  List<ApprovalStatus> listed = List.of();

  ApprovalSync sync(Duration window) {
    return new ApprovalSync(
        ledger,
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
        },
        () -> window);
  }

  @Test
  void sync_filesUnsentOnceWithoutPayloadAndLearnsApproval() throws Exception {
    ledger.add(ID, key, "source code detected", 3);
    ApprovalSync sync = sync(Duration.ofHours(8));
    sync.sync();
    sync.sync();
    assertEquals(1, filed.size());
    assertEquals(key.contentDigest(), filed.get(0).contentDigest());
    assertEquals(ApprovalLedger.State.PENDING, ledger.find(ID).orElseThrow().state());

    Instant decided = Instant.now();
    listed =
        List.of(
            new ApprovalStatus(ID, "APPROVED", decided.plus(Duration.ofHours(1)), "ok", decided));
    sync.sync();
    assertTrue(ledger.open(key, decided.plusSeconds(60)).isPresent());
    assertEquals(ApprovalLedger.State.APPROVED, ledger.open(key, decided).orElseThrow().state());
  }

  @Test
  void add_notifiesListenerSoTheRequestIsSentAtOnce() {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    ledger.onAdded(calls::incrementAndGet);
    ledger.add(ID, key, "r", 1);
    assertEquals(1, calls.get());
  }

  @Test
  void sync_approvalLongerThanPolicyWindow_isCut() throws Exception {
    ledger.add(ID, key, "r", 1);
    Instant decided = Instant.now();
    listed =
        List.of(
            new ApprovalStatus(ID, "APPROVED", decided.plus(Duration.ofDays(20)), "ok", decided));
    sync(Duration.ofHours(2)).sync();
    assertEquals(decided.plus(Duration.ofHours(2)), ledger.find(ID).orElseThrow().validUntil());
    assertTrue(ledger.open(key, decided.plus(Duration.ofHours(3))).isEmpty());
  }

  @Test
  void sync_consoleDown_throwsAndKeepsRequestHeld() {
    ledger.add(ID, key, "r", 1);
    ApprovalSync sync =
        new ApprovalSync(
            ledger,
            new ApprovalSync.Console() {
              @Override
              public ApprovalStatus file(ApprovalFiling filing) throws Exception {
                throw new java.io.IOException("connection refused");
              }

              @Override
              public ApprovalList list() {
                return new ApprovalList(List.of());
              }
            },
            () -> Duration.ofHours(1));
    assertThrows(java.io.IOException.class, sync::sync);
    assertEquals(ApprovalLedger.State.UNSENT, ledger.find(ID).orElseThrow().state());
  }
}
