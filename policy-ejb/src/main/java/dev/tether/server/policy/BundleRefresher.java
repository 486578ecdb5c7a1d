package dev.tether.server.policy;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;

/**
 * Keeps published bundles fresh: every {@value #PERIOD_MINUTES} minutes, each group whose newest
 * bundle has used up half of its lifetime is re-signed with the current content as a new version
 * (kind RESIGN), so devices never drift into GRACE only because nobody published for a while.
 * Bundle expiry stays short enough to defeat freeze attacks; this is the server's side of it (the
 * role The Update Framework gives its timestamp key). Each group is refreshed in its own
 * transaction; a failure is logged at ERROR and retried on the next run.
 */
@Singleton
public class BundleRefresher {
  static final int PERIOD_MINUTES = 5;
  private static final System.Logger LOG = System.getLogger(BundleRefresher.class.getName());

  @Inject PolicyService policies;

  @Schedule(minute = "*/5", hour = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void refresh() {
    List<String[]> due = policies.dueForRefresh(Instant.now());
    for (String[] group : due) {
      try {
        policies.refresh(group[0], group[1]);
      } catch (RuntimeException e) {
        LOG.log(
            Level.ERROR,
            "cannot refresh the bundle of {0}/{1}: {2}",
            group[0],
            group[1],
            e.toString());
      }
    }
  }
}
