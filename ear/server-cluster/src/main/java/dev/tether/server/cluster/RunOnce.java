package dev.tether.server.cluster;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Runs scheduled work once across all server instances. Every instance calls {@link #runIfLeader}
 * on a short tick; the call takes or renews the job's lease ({@link Leases}) and runs the task only
 * on the instance holding it, and only when the job has not started within its interval on any
 * instance. The task receives the {@link LeaseGrant} and must pass it to {@link LeaseFence#require}
 * inside each transaction that writes.
 *
 * <p>Failure: a database error while taking the lease means "not leader" (logged, retried on the
 * next tick); a task that throws is logged at ERROR and runs again after its interval. A lease
 * whose holder died is taken over once it expires: within the lease TTL ({@value #TTL_PROPERTY},
 * default 30 s) plus one tick.
 */
public final class RunOnce {
  /** Config key of the lease TTL (ISO-8601 duration). */
  public static final String TTL_PROPERTY = "tether.lease.ttl";

  /** Default lease TTL. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

  /** Shortest TTL accepted: two 5-second ticks, so a healthy leader renews before expiry. */
  public static final Duration MIN_TTL = Duration.ofSeconds(10);

  private static final System.Logger LOG = System.getLogger(RunOnce.class.getName());

  private final Leases leases;
  private final Duration ttl;
  private final Set<String> held = ConcurrentHashMap.newKeySet();

  RunOnce(Leases leases, Duration ttl) {
    this.leases = leases;
    this.ttl = validTtl(ttl);
  }

  /** Run-once over {@code dataSource} as this instance ({@link InstanceId}), TTL from config. */
  public static RunOnce create(DataSource dataSource) {
    return new RunOnce(new Leases(dataSource, InstanceId.current()), configuredTtl());
  }

  /**
   * Creates the lease table and rows for {@code names} (call at start-up, outside transactions).
   */
  public void prepare(String... names) {
    leases.prepare(names);
  }

  /**
   * Runs {@code task} here if this instance holds (or now takes) the lease {@code name} and the job
   * is due. Must be called outside a JTA transaction.
   *
   * @return true if the task ran (and did not throw)
   */
  public boolean runIfLeader(String name, Duration interval, Consumer<LeaseGrant> task) {
    Optional<LeaseGrant> grant;
    try {
      grant = leases.acquire(name, ttl, interval);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "lease {0}: cannot reach the lease table, not running: {1}", name, e);
      return false;
    }
    if (grant.isEmpty()) {
      if (held.remove(name)) {
        LOG.log(Level.WARNING, "lease {0}: lost by {1}", name, leases.holder());
      }
      return false;
    }
    if (held.add(name)) {
      LOG.log(
          Level.INFO,
          "lease {0}: now held by {1} (token {2})",
          name,
          leases.holder(),
          grant.get().token());
    }
    if (!grant.get().runNow()) {
      return false;
    }
    try {
      task.accept(grant.get());
      return true;
    } catch (LeaseLostException e) {
      held.remove(name);
      LOG.log(Level.WARNING, "{0}: stopped, lease lost mid-run: {1}", name, e.getMessage());
      return false;
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "{0}: failed on {1}: {2}", name, leases.holder(), e.toString());
      return false;
    }
  }

  /** Names of the leases this instance held at its last tick. */
  public Set<String> held() {
    return Set.copyOf(held);
  }

  /** Every lease row (for health output). */
  public List<LeaseView> list() throws SQLException {
    return leases.list();
  }

  /** Lets every lease this instance holds lapse now (clean shutdown). */
  public void releaseAll() {
    for (String name : held) {
      try {
        leases.release(name);
        LOG.log(Level.INFO, "lease {0}: released by {1}", name, leases.holder());
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, "lease {0}: not released, it will expire: {1}", name, e.toString());
      }
    }
    held.clear();
  }

  /** The lease TTL. */
  public Duration ttl() {
    return ttl;
  }

  static Duration configuredTtl() {
    return ConfigProvider.getConfig()
        .getOptionalValue(TTL_PROPERTY, String.class)
        .map(v -> parse(TTL_PROPERTY, v))
        .orElse(DEFAULT_TTL);
  }

  /**
   * An interval from config key {@code key}, else {@code fallback}.
   *
   * @throws IllegalArgumentException not an ISO-8601 duration, or not positive (names the key)
   */
  public static Duration interval(String key, Duration fallback) {
    return ConfigProvider.getConfig()
        .getOptionalValue(key, String.class)
        .map(v -> parse(key, v))
        .orElse(fallback);
  }

  /**
   * A positive ISO-8601 duration from config key {@code key}.
   *
   * @throws IllegalArgumentException not a duration or not positive (names the key and value)
   */
  public static Duration parse(String key, String value) {
    Duration d;
    try {
      d = Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          key + ": expected an ISO-8601 duration such as PT30S, got \"" + value + "\"");
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(key + ": expected a positive duration, got " + value);
    }
    return d;
  }

  private static Duration validTtl(Duration ttl) {
    if (ttl.compareTo(MIN_TTL) < 0) {
      throw new IllegalArgumentException(
          TTL_PROPERTY + ": expected at least " + MIN_TTL + ", got " + ttl);
    }
    return ttl;
  }
}
