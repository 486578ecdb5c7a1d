package dev.tether.agent.statuspage;

import dev.tether.agent.enforce.ApprovalLedger;
import dev.tether.agent.enforce.ApprovalSync;
import dev.tether.agent.enforce.CoachLedger;
import dev.tether.agent.enforce.Notifier;
import dev.tether.agent.enforce.RecentDecisions;
import dev.tether.agent.enforce.StandardModes;
import dev.tether.agent.pipeline.ContentScanner;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.policy.ResponseSettings;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What the daemon needs for the interactive response modes, in one place: the Coach and Request
 * ledgers, recent decisions, the status page that shows them and the console exchange for
 * approvals. Until {@link #start} the status page link in Coach/Request messages says the page is
 * not running (the requests are still held: nothing fails open).
 */
public final class LocalModes implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LocalModes.class.getName());

  private final CoachLedger coach;
  private final ApprovalLedger approvals;
  private final RecentDecisions recent = new RecentDecisions();
  private final Clock clock;
  private final ApprovalSync sync;
  private final String storageProblem;
  private volatile StatusPage page;

  /** Ledgers in memory only (forgotten on restart). */
  public LocalModes(Supplier<ActivePolicy> policy, ApprovalSync.Console console, Clock clock) {
    this(policy, console, clock, null);
  }

  /**
   * @param policy the enforceable policy, read per use
   * @param console the console's approval endpoints
   * @param ledgerDir where the Coach and Request ledgers persist ({@code ledger/} in the state
   *     directory), or {@code null} for memory only. A ledger file that does not verify is
   *     quarantined and that ledger starts empty; a directory that cannot be used at all leaves
   *     both ledgers in memory. Either way the agent runs, grants nothing extra, and {@link
   *     #problem()} says so.
   */
  public LocalModes(
      Supplier<ActivePolicy> policy, ApprovalSync.Console console, Clock clock, Path ledgerDir) {
    this.clock = clock;
    Ledgers ledgers = Ledgers.open(ledgerDir, clock);
    this.coach = ledgers.coach();
    this.approvals = ledgers.approvals();
    this.storageProblem = ledgers.problem();
    this.sync =
        new ApprovalSync(
            approvals,
            console,
            () -> {
              ActivePolicy p = policy.get();
              return (p == null ? ResponseSettings.DEFAULT : p.document().responses()).approval();
            });
  }

  /** The mode handlers for the enforcer. */
  public StandardModes modes(
      Supplier<ActivePolicy> policy, ContentScanner scanner, int maxDecodedBytes) {
    return new StandardModes(
        policy,
        scanner,
        maxDecodedBytes,
        coach,
        approvals,
        recent,
        Notifier.desktop(),
        this::baseUrl,
        clock);
  }

  /**
   * Starts the status page on 127.0.0.1:{@code preferredPort}, or on a free port if that one is
   * taken.
   */
  public void start(int preferredPort) throws IOException {
    try {
      page = StatusPage.start(preferredPort, recent, coach, approvals, clock, this::problem);
    } catch (BindException e) {
      page = StatusPage.start(0, recent, coach, approvals, clock, this::problem);
    }
    LOG.log(System.Logger.Level.INFO, "status page at {0}", page.baseUrl());
  }

  /** The status page URL, or a placeholder while it is not running. */
  public String baseUrl() {
    StatusPage p = page;
    return p == null ? "(status page not running)" : p.baseUrl();
  }

  /** Runs {@code listener} whenever a new approval request is recorded (to sync at once). */
  public void onApprovalFiled(Runnable listener) {
    approvals.onAdded(listener);
  }

  /**
   * Prunes expired Coach and Request entries, then one approval exchange with the console (run
   * periodically, first right after start).
   */
  public void syncApprovals() throws Exception {
    coach.prune(clock.instant());
    approvals.prune(clock.instant());
    sync.sync();
  }

  /**
   * Why the Coach/Request ledgers were quarantined or cannot be persisted, or {@code null} when
   * they are healthy (for status.json and the status page).
   */
  public String problem() {
    for (String p : new String[] {storageProblem, coach.problem(), approvals.problem()}) {
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  @Override
  public void close() {
    StatusPage p = page;
    if (p != null) {
      p.close();
    }
  }
}
