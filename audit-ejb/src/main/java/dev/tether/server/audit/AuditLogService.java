package dev.tether.server.audit;

import dev.tether.core.audit.evidence.EvidenceManifest;
import dev.tether.core.audit.log.LogExport;
import dev.tether.core.crypto.Digests;
import dev.tether.server.cluster.InstanceId;
import dev.tether.server.cluster.KeyMismatchException;
import dev.tether.server.cluster.KeyPins;
import dev.tether.server.cluster.LeaseGrant;
import dev.tether.server.cluster.RunOnce;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The server's one {@link TamperEvidentLog}: signs a checkpoint every {@value #INTERVAL_KEY}
 * (default one minute) when the log grew, and serves checkpoints, proofs, exports and store
 * verification to the admin API.
 *
 * <p>Several instances on one database: the scheduled checkpoint runs only on the holder of the
 * lease {@value #JOB} ({@link RunOnce}) and its transaction is fenced by that lease; on-demand
 * signing (an admin asking for the checkpoint or an export) locks the same lease row, so each tree
 * size is signed once, by one instance. The checkpoint key's fingerprint is pinned in the database
 * ({@link KeyPins}, name {@value #KEY_PIN}) by the first instance: an instance whose data directory
 * holds another key signs nothing (every signing call throws) and reports itself not ready.
 */
@Singleton
@Startup
@Lock(LockType.WRITE)
public class AuditLogService {
  /** Lease name of the scheduled checkpoint. */
  public static final String JOB = "audit-checkpoint";

  /** Key pin name of the checkpoint key. */
  public static final String KEY_PIN = "audit-log";

  /** Config key of the checkpoint interval (ISO-8601 duration). */
  public static final String INTERVAL_KEY = "tether.audit.checkpoint-interval";

  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  private static final System.Logger LOG = System.getLogger(AuditLogService.class.getName());

  @Inject AuditRepository repository;

  @Resource SessionContext context;

  /** The audit unit's datasource (see persistence.xml), for the database-side guards. */
  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  private TamperEvidentLog log;
  private RunOnce runOnce;
  private Duration interval;
  private volatile String keyProblem;

  /**
   * Loads the checkpoint key and, on PostgreSQL, installs the append-only triggers; a failure here
   * fails the deployment rather than running without them.
   */
  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void start() {
    try (Connection connection = dataSource.getConnection()) {
      PostgresAppendOnly.apply(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "audit store: cannot install the append-only guards: " + e.getMessage(), e);
    }
    String origin = AuditLogKeys.origin();
    log =
        new TamperEvidentLog(
            origin, AuditLogKeys.signer(AuditLogKeys.dataDir(), origin), Clock.systemUTC());
    try {
      KeyPins.pin(
          dataSource,
          KEY_PIN,
          fingerprint(log.signer().verifierKey().encode()),
          InstanceId.current());
    } catch (KeyMismatchException e) {
      keyProblem = e.getMessage();
      LOG.log(System.Logger.Level.ERROR, "audit log: NOT signing anything: {0}", keyProblem);
    }
    interval = RunOnce.interval(INTERVAL_KEY, DEFAULT_INTERVAL);
    runOnce = RunOnce.create(dataSource);
    runOnce.prepare(JOB);
  }

  static String fingerprint(String verifierKey) {
    return Digests.sha256(verifierKey.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Every 5 seconds on every instance: the lease holder signs a checkpoint when the interval has
   * passed and the log grew.
   */
  @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tick() {
    if (keyProblem != null) {
      return;
    }
    AuditLogService self = context.getBusinessObject(AuditLogService.class);
    runOnce.runIfLeader(JOB, interval, self::scheduledCheckpoint);
  }

  /** The scheduled checkpoint, in a transaction fenced by the lease {@code grant}. */
  public String scheduledCheckpoint(LeaseGrant grant) {
    requireKey();
    return log.checkpoint(repository, () -> repository.fence(grant));
  }

  /** Why this instance refuses to sign (its key is not the pinned one), if it does. */
  public Optional<String> keyProblem() {
    return Optional.ofNullable(keyProblem);
  }

  /** The run-once leases of this module (health output). */
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

  private void requireKey() {
    if (keyProblem != null) {
      throw new IllegalStateException("audit log on " + InstanceId.current() + ": " + keyProblem);
    }
  }

  /** The newest signed checkpoint (signing one now if the log grew). */
  public String checkpoint() {
    requireKey();
    return log.checkpoint(repository, () -> repository.serialize(JOB));
  }

  /** The encoded verifier key auditors pin ({@code <origin>+<hash>+<key>}). */
  public String verifierKey() {
    requireKey();
    return log.signer().verifierKey().encode();
  }

  /**
   * The C2SP signed note of an evidence manifest, signed with the checkpoint key. Only manifests
   * are signed here (their first line is a format tag, their second never a tree size), so this can
   * never produce a note that parses as a checkpoint.
   */
  public String signManifest(EvidenceManifest manifest) {
    requireKey();
    return log.signer().signText(manifest.encode());
  }

  public InclusionProof inclusion(String eventId, long treeSize) {
    return log.inclusion(repository, eventId, treeSize);
  }

  public ConsistencyProof consistency(long first, long second) {
    return log.consistency(repository, first, second);
  }

  public LogExport export(String tenant, long fromIndex, int limit) {
    requireKey();
    return log.export(repository, () -> repository.serialize(JOB), tenant, fromIndex, limit);
  }

  public StoreVerification verifyStore() {
    return log.verifyStore(repository);
  }
}
