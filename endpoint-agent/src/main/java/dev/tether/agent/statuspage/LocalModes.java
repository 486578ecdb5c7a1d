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

  private final CoachLedger coach = new CoachLedger();
  private final ApprovalLedger approvals = new ApprovalLedger();
  private final RecentDecisions recent = new RecentDecisions();
  private final Clock clock;
  private final ApprovalSync sync;
  private volatile StatusPage page;

  /**
   * @param policy the enforceable policy, read per use
   * @param console the console's approval endpoints
   */
  public LocalModes(Supplier<ActivePolicy> policy, ApprovalSync.Console console, Clock clock) {
    this.clock = clock;
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
      page = StatusPage.start(preferredPort, recent, coach, approvals, clock);
    } catch (BindException e) {
      page = StatusPage.start(0, recent, coach, approvals, clock);
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

  /** One approval exchange with the console (run with the heartbeat). */
  public void syncApprovals() throws Exception {
    sync.sync();
  }

  @Override
  public void close() {
    StatusPage p = page;
    if (p != null) {
      p.close();
    }
  }
}
