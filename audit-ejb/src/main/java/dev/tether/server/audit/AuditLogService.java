package dev.tether.server.audit;

import dev.tether.core.audit.evidence.EvidenceManifest;
import dev.tether.core.audit.log.LogExport;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The server's one {@link TamperEvidentLog}: signs a checkpoint every minute when the log grew, and
 * serves checkpoints, proofs, exports and store verification to the admin API.
 */
@Singleton
@Startup
@Lock(LockType.WRITE)
public class AuditLogService {
  @Inject AuditRepository repository;

  /** The audit unit's datasource (see persistence.xml), for the database-side guards. */
  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  private TamperEvidentLog log;

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
  }

  /** Every minute: a new signed checkpoint if events were stored since the last one. */
  @Schedule(minute = "*", hour = "*", persistent = false)
  void periodicCheckpoint() {
    log.checkpoint(repository);
  }

  /** The newest signed checkpoint (signing one now if the log grew). */
  public String checkpoint() {
    return log.checkpoint(repository);
  }

  /** The encoded verifier key auditors pin ({@code <origin>+<hash>+<key>}). */
  public String verifierKey() {
    return log.signer().verifierKey().encode();
  }

  /**
   * The C2SP signed note of an evidence manifest, signed with the checkpoint key. Only manifests
   * are signed here (their first line is a format tag, their second never a tree size), so this can
   * never produce a note that parses as a checkpoint.
   */
  public String signManifest(EvidenceManifest manifest) {
    return log.signer().signText(manifest.encode());
  }

  public InclusionProof inclusion(String eventId, long treeSize) {
    return log.inclusion(repository, eventId, treeSize);
  }

  public ConsistencyProof consistency(long first, long second) {
    return log.consistency(repository, first, second);
  }

  public LogExport export(String tenant, long fromIndex, int limit) {
    return log.export(repository, tenant, fromIndex, limit);
  }

  public StoreVerification verifyStore() {
    return log.verifyStore(repository);
  }
}
