package dev.tether.agent.enforce;

import dev.tether.core.api.ApprovalFiling;
import dev.tether.core.api.ApprovalList;
import dev.tether.core.api.ApprovalStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Exchanges Request-mode approvals with the console, run periodically by the daemon (with the
 * heartbeat): sends every request not yet filed, then reads this device's requests and updates the
 * {@link ApprovalLedger}. An approval is never honoured beyond the validity the console gave nor
 * beyond the policy's {@code responses.approvalWindow} from the moment it was decided (capped here,
 * and checked again at use against the policy then in force). Run once right after start, so a
 * request that was pending when the agent stopped learns a grant made meanwhile. A failed exchange
 * leaves the ledger as it was (requests stay held) and is reported to the caller.
 */
public final class ApprovalSync {
  /** The console as this class needs it. */
  public interface Console {
    ApprovalStatus file(ApprovalFiling filing) throws Exception;

    ApprovalList list() throws Exception;
  }

  private final ApprovalLedger ledger;
  private final Console console;
  private final Supplier<Duration> maxWindow;

  /**
   * @param maxWindow the enforceable policy's approval window (read on every sync)
   */
  public ApprovalSync(ApprovalLedger ledger, Console console, Supplier<Duration> maxWindow) {
    this.ledger = Objects.requireNonNull(ledger);
    this.console = Objects.requireNonNull(console);
    this.maxWindow = Objects.requireNonNull(maxWindow);
  }

  /** One exchange. @throws Exception if the console could not be reached or answered badly */
  public void sync() throws Exception {
    for (ApprovalLedger.Filed f : ledger.unsent()) {
      ApprovalStatus status =
          console.file(
              new ApprovalFiling(
                  f.decisionId(),
                  f.key().contentDigest(),
                  f.key().user(),
                  f.key().host(),
                  f.reason(),
                  f.policyVersion()));
      apply(status);
    }
    for (ApprovalStatus status : console.list().approvals()) {
      apply(status);
    }
  }

  private void apply(ApprovalStatus status) {
    ApprovalLedger.State state;
    try {
      state = ApprovalLedger.State.valueOf(status.state());
    } catch (IllegalArgumentException e) {
      return; // an unknown state grants nothing
    }
    Instant until = status.validUntil();
    Instant decided = status.decidedAt();
    if (state == ApprovalLedger.State.APPROVED) {
      if (decided == null) {
        // Keep the moment first learned, so the window does not restart on every sync.
        ApprovalLedger.State known = state;
        decided =
            ledger
                .find(status.requestId())
                .filter(f -> f.state() == known && f.decidedAt() != null)
                .map(ApprovalLedger.Filed::decidedAt)
                .orElseGet(Instant::now);
      }
      Instant cap = decided.plus(maxWindow.get());
      if (until == null) {
        state = ApprovalLedger.State.EXPIRED;
      } else if (until.isAfter(cap)) {
        until = cap;
      }
    }
    ledger.update(status.requestId(), state, until, status.note(), decided);
  }
}
