package dev.tether.server.policy;

import dev.tether.server.cluster.LeaseGrant;
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
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Scheduled rotation of tenants' online signing keys, opt-in: with {@value #AGE_KEY} set (an
 * ISO-8601 duration, e.g. {@code P90D}), every {@value #INTERVAL_KEY} (default one hour) each
 * tenant whose newest delegated signing key became valid at least that long ago gets a new one (as
 * the admin API's rotate does: a new root version, earlier keys stay valid until they expire).
 * Unset (the default): never, as before.
 *
 * <p>Runs once across instances under the lease {@value #JOB}; each tenant's rotation is one
 * transaction fenced by it. A rotation needs the root keys' files (it signs a new root version): a
 * tenant whose root keys are offline is logged at ERROR and retried next time.
 */
@Singleton
@Startup
public class SigningKeyRotation {
  /** Lease name of the rotation job. */
  public static final String JOB = "signing-key-rotation";

  /** Config key: rotate signing keys older than this (unset: no scheduled rotation). */
  public static final String AGE_KEY = "tether.keys.signing-rotate-after";

  /** Config key: how often tenants are checked. */
  public static final String INTERVAL_KEY = "tether.keys.rotation-check-interval";

  static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
  private static final System.Logger LOG = System.getLogger(SigningKeyRotation.class.getName());

  @Inject TenantService tenants;
  @Inject TrustService trust;

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  private Duration age;
  private Duration interval;
  private RunOnce runOnce;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void start() {
    Optional<String> configured =
        ConfigProvider.getConfig().getOptionalValue(AGE_KEY, String.class);
    if (configured.isEmpty() || configured.get().isBlank()) {
      return;
    }
    age = RunOnce.parse(AGE_KEY, configured.get());
    interval = RunOnce.interval(INTERVAL_KEY, DEFAULT_INTERVAL);
    runOnce = RunOnce.create(dataSource);
    runOnce.prepare(JOB);
    LOG.log(Level.INFO, "signing keys rotate after {0} (checked every {1})", age, interval);
  }

  @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tick() {
    if (runOnce != null) {
      runOnce.runIfLeader(JOB, interval, this::rotateDue);
    }
  }

  private void rotateDue(LeaseGrant grant) {
    for (TenantSummary tenant : tenants.listTenants()) {
      try {
        if (trust.rotateIfOlder(tenant.id(), age, grant)) {
          LOG.log(
              Level.INFO,
              "rotated the signing key of tenant {0} on {1} (older than {2})",
              tenant.id(),
              grant.holder(),
              age);
        }
      } catch (RuntimeException e) {
        if (BundleRefresher.leaseLost(e) != null) {
          throw BundleRefresher.leaseLost(e);
        }
        LOG.log(
            Level.ERROR,
            "cannot rotate the signing key of tenant {0}: {1}",
            tenant.id(),
            e.toString());
      }
    }
  }

  /** True when a key valid since {@code newest} is at least {@code age} old at {@code now}. */
  static boolean due(Instant newest, Duration age, Instant now) {
    return !newest.plus(age).isAfter(now);
  }

  /** The leases this instance holds (health output); null when scheduled rotation is off. */
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
}
