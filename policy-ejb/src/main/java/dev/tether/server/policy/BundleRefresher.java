package dev.tether.server.policy;

import dev.tether.server.cluster.LeaseGrant;
import dev.tether.server.cluster.LeaseLostException;
import dev.tether.server.cluster.RunOnce;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Keeps published bundles fresh: every {@value #INTERVAL_KEY} (default 5 minutes), each group whose
 * newest bundle has used up half of its lifetime is re-signed with the current content as a new
 * version (kind RESIGN), so devices never drift into GRACE only because nobody published for a
 * while. Bundle expiry stays short enough to defeat freeze attacks; this is the server's side of it
 * (the role The Update Framework gives its timestamp key).
 *
 * <p>Runs once across all server instances: every instance ticks every 5 seconds, and only the
 * holder of the database lease {@value #JOB} runs the refresh when it is due ({@link RunOnce});
 * each group is refreshed in its own transaction fenced by that lease, so an instance that lost the
 * lease mid-run signs nothing more. A failure is logged at ERROR and retried on the next run.
 */
@Singleton
@Startup
public class BundleRefresher {
  /** Lease name of the refresh job. */
  public static final String JOB = "bundle-refresh";

  /** Config key of the refresh interval (ISO-8601 duration). */
  public static final String INTERVAL_KEY = "tether.policy.refresh-interval";

  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
  private static final System.Logger LOG = System.getLogger(BundleRefresher.class.getName());

  @Inject PolicyService policies;

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  private RunOnce runOnce;
  private Duration interval;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void start() {
    interval = RunOnce.interval(INTERVAL_KEY, DEFAULT_INTERVAL);
    runOnce = RunOnce.create(dataSource);
    runOnce.prepare(JOB);
  }

  @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tick() {
    runOnce.runIfLeader(JOB, interval, this::refresh);
  }

  private void refresh(LeaseGrant grant) {
    List<String[]> due = policies.dueForRefresh(Instant.now());
    for (String[] group : due) {
      try {
        if (!policies.refresh(group[0], group[1], grant)) {
          continue;
        }
        LOG.log(
            Level.INFO,
            "re-signed the bundle of {0}/{1} on {2} (lease token {3})",
            group[0],
            group[1],
            grant.holder(),
            grant.token());
      } catch (RuntimeException e) {
        LeaseLostException lost = leaseLost(e);
        if (lost != null) {
          throw lost;
        }
        LOG.log(
            Level.ERROR,
            "cannot refresh the bundle of {0}/{1}: {2}",
            group[0],
            group[1],
            e.toString());
      }
    }
  }

  /** The leases this instance holds (health output). */
  public RunOnce runOnce() {
    return runOnce;
  }

  @PreDestroy
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void stop() {
    if (runOnce != null) {
      runOnce.releaseAll();
    }
  }

  /** The lease loss inside an EJB container's wrapping exception, or null. */
  static LeaseLostException leaseLost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LeaseLostException lost) {
        return lost;
      }
    }
    return null;
  }
}
